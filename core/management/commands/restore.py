"""manage.py restore <folder-or-archive>: into an empty database and empty media folders."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into the database DATABASE_URL names and "
        "the MEDIA_ROOT / PRIVATE_MEDIA_ROOT folders (all must be empty), checking every "
        "file's SHA-256 first; then rebuild the search index."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path)
        parser.add_argument(
            "--skip-search-index",
            action="store_true",
            help="Do not rebuild the search index (run rebuild_search_index yourself).",
        )

    def handle(self, *args, source: Path, skip_search_index: bool, **options):
        try:
            manifest = backup_restore(source=source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the database and {len(manifest['files'])} file(s) from {source} "
                f"(backup taken {manifest['created_at']})"
            )
        )
        if not skip_search_index:
            # The index is derived data: rebuilt from the restored pages, not backed up.
            call_command("rebuild_search_index", stdout=self.stdout)
