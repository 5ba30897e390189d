"""manage.py import_case_studies FILE [--dry-run]: bulk import case studies (CSV or JSON).

The schema is documented in ``knowledge/importer/__init__.py``. Prints one line per row (created,
updated or rejected with the reasons, plus notes such as a changed slug). If any row is
rejected, nothing is imported.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from knowledge.importer.reading import ImportFileError, read_rows
from knowledge.importer.writing import case_studies_import


class Command(BaseCommand):
    help = (
        "Import case studies from a CSV or JSON file. Validates every row first; imports "
        "all rows or none. See knowledge/importer/__init__.py for the columns."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="A .csv or .json file")
        parser.add_argument(
            "--dry-run", action="store_true", help="Validate and report without writing"
        )

    def handle(self, *args, file: Path, dry_run: bool, **options):
        try:
            rows = read_rows(file)
            results, written = case_studies_import(rows=rows, dry_run=dry_run)
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        counts = {"created": 0, "updated": 0, "rejected": 0}
        for result in results:
            counts[result.action] += 1
            line = f"row {result.number}: {result.action:<8} {result.title}"
            if result.errors:
                self.stdout.write(self.style.ERROR(line))
                for error in result.errors:
                    self.stdout.write(f"    - {error}")
            else:
                self.stdout.write(line)
            for note in result.notes:
                self.stdout.write(f"    note: {note}")
        summary = (
            f"{counts['created']} to create, {counts['updated']} to update, "
            f"{counts['rejected']} rejected"
        )
        if counts["rejected"]:
            raise CommandError(f"Nothing imported: {summary}. Fix the rejected rows and rerun.")
        if dry_run or not written:
            self.stdout.write(self.style.WARNING(f"Dry run, nothing written: {summary}."))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Imported: {counts['created']} created, {counts['updated']} updated."
                )
            )
