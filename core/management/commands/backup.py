"""manage.py backup <folder-or-archive.tar.gz>: a consistent snapshot while the site runs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite online backup or pg_dump), MEDIA_ROOT and "
        "PRIVATE_MEDIA_ROOT, with a SHA-256 manifest. The site can keep running. "
        "Give a new folder, or a name ending in .tar.gz for one archive file."
    )

    def add_arguments(self, parser):
        parser.add_argument("target", type=Path)

    def handle(self, *args, target: Path, **options):
        try:
            manifest = backup_create(target=target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up the {manifest['database']['vendor']} database and "
                f"{len(manifest['files'])} file(s) to {target}"
            )
        )
