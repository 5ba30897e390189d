"""A CSV or JSON file of case studies read into rows (the schema: ``knowledge.importer``)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

EXTRA_CELLS = "(cells beyond the header)"  # csv.DictReader's restkey, renamed for the report


class ImportFileError(Exception):
    """The file itself cannot be read (format, encoding, structure)."""


def read_rows(path: Path) -> list[dict]:
    suffix = path.suffix.lower()
    if suffix not in {".json", ".csv"}:
        raise ImportFileError("Use a .csv or .json file.")
    try:
        # newline="" lets the csv module see quoted line breaks inside a cell.
        with path.open(encoding="utf-8-sig", newline="") as file:
            if suffix == ".json":
                return _json_rows(file)
            return _csv_rows(file)
    except (OSError, UnicodeDecodeError) as error:
        raise ImportFileError(f"Cannot read {path}: {error}") from error


def _json_rows(file) -> list[dict]:
    try:
        data = json.load(file)
    except json.JSONDecodeError as error:
        raise ImportFileError(f"Invalid JSON: {error}") from error
    if isinstance(data, dict):
        data = data.get("case_studies")
    if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
        raise ImportFileError('JSON must be a list of objects (or {"case_studies": [...]}).')
    return data


def _csv_rows(file) -> list[dict]:
    reader = csv.DictReader(file)
    try:
        headers = [field_name(name) for name in reader.fieldnames or []]
        duplicates = sorted({name for name in headers if headers.count(name) > 1})
        if duplicates:
            raise ImportFileError(f"The CSV header repeats {', '.join(duplicates)}.")
        if "title" not in headers:
            raise ImportFileError("The CSV needs a header row with at least 'title'.")
        rows = []
        for row in reader:
            extra = row.pop(None, None)
            if extra:
                row[EXTRA_CELLS] = extra
            rows.append({key: "" if value is None else value for key, value in row.items()})
        return rows
    except csv.Error as error:
        raise ImportFileError(f"Invalid CSV (line {reader.line_num}): {error}") from error


def field_name(name: str) -> str:
    return str(name).strip().lower()
