"""The gazetteer: the network's eight countries' administrative divisions, as rows to load.

First-level (and, where ISO lists them, second-level) divisions come from ``pycountry``'s copy
of ISO 3166-2; districts, tehsils and upazilas ISO does not list come from the CSV files in
core/data/places/ (their source and licence are in the README there). ``places_load`` in
``core.services`` writes them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from pathlib import Path

import pycountry
from anyascii import anyascii
from django.utils.text import slugify

from .models import PlaceLevel

DATA_DIR = Path(__file__).resolve().parent / "data" / "places"

#: ISO 3166-2 subdivision types of the eight countries → the level each is called.
ISO_LEVELS = {
    "Province": PlaceLevel.PROVINCE,
    "State": PlaceLevel.STATE,
    "Union territory": PlaceLevel.UNION_TERRITORY,
    "Federal capital territory": PlaceLevel.CAPITAL_TERRITORY,
    "Pakistan administered area": PlaceLevel.ADMINISTERED_AREA,
    "Division": PlaceLevel.DIVISION,
    "District": PlaceLevel.DISTRICT,
    "Administrative atoll": PlaceLevel.ATOLL,
    "City": PlaceLevel.CITY,
}


@dataclass(frozen=True)
class PlaceRow:
    code: str
    name: str
    country_code: str
    parent_code: str
    level: str
    #: 1 for a first-level division, 2 for what lies in one, and so on.
    depth: int = 1


def iso_rows(country_codes: list[str]) -> list[PlaceRow]:
    """ISO 3166-2 subdivisions of ``country_codes``, as pycountry ships them."""
    rows = []
    for country_code in country_codes:
        for subdivision in pycountry.subdivisions.get(country_code=country_code) or []:
            rows.append(
                PlaceRow(
                    code=subdivision.code,
                    name=subdivision.name,
                    country_code=country_code,
                    parent_code=subdivision.parent_code or "",
                    level=ISO_LEVELS.get(subdivision.type, PlaceLevel.PROVINCE),
                )
            )
    return rows


def shipped_rows() -> list[PlaceRow]:
    """The districts, tehsils and upazilas of core/data/places/<country>.csv."""
    rows = []
    for path in sorted(DATA_DIR.glob("*.csv")):
        country_code = path.stem.upper()
        with path.open(encoding="utf-8", newline="") as handle:
            for record in csv.DictReader(handle):
                rows.append(
                    PlaceRow(
                        code=record["code"],
                        name=record["name"],
                        country_code=country_code,
                        parent_code=record["parent_code"],
                        level=PlaceLevel(record["level"]),
                    )
                )
    return rows


def gazetteer_rows(country_codes: list[str]) -> list[PlaceRow]:
    """Every division to load, each after its parent (ISO first, then the shipped lists)."""
    rows = iso_rows(country_codes) + [
        row for row in shipped_rows() if row.country_code in country_codes
    ]
    by_code = {row.code: row for row in rows}

    def depth(row: PlaceRow) -> int:
        found = 1
        while row.parent_code and row.parent_code in by_code:
            row = by_code[row.parent_code]
            found += 1
        return found

    return sorted(
        (replace(row, depth=depth(row)) for row in rows), key=lambda row: (row.depth, row.code)
    )


def place_slug(name: str) -> str:
    """An ASCII slug for addresses: "Gujarāt" → "gujarat" (not "gujart")."""
    return slugify(anyascii(name)) or "place"
