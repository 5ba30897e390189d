"""Each imported row checked against the schema (``knowledge.importer``) and cleaned.

Every problem of a row is reported, not only the first, so one pass fixes a file.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from core.html_sanitize import clean_imported_html
from core.models import Country, Place
from core.slugs import script_slugify
from core.text import MAX_DOCUMENT_MARKDOWN_LENGTH
from network.models import (
    GovernmentLevel,
    InnovationStage,
    PartnerPage,
    SustainableDevelopmentGoal,
    Theme,
)

from ..licences import Licence
from ..models import OriginalLanguage
from ..models.case_studies import CASE_STUDY_SECTIONS
from ..models.pages import SUMMARY_MAX_LENGTH
from .lookups import Lookups
from .reading import EXTRA_CELLS, field_name

TEXT_FIELDS = list(CASE_STUDY_SECTIONS)
LIST_FIELDS = [
    "countries",
    "places",
    "themes",
    "sdgs",
    "implementing_partners",
    "contributing_partners",
]
SINGLE_TEXT_FIELDS = [
    "title",
    "summary",
    "slug",
    *TEXT_FIELDS,
    "publication_date",
    "stage",
    "government_level",
    "original_language",
    "licence",
    "body_format",
]
KNOWN_FIELDS = [*SINGLE_TEXT_FIELDS, *LIST_FIELDS, "year_launched", "sources", "publish"]
BODY_FORMATS = ("markdown", "html")
SLUG_MAX_LENGTH = 255
FALLBACK_SLUG = "case-study"
TRUE_WORDS, FALSE_WORDS = {"", "true", "yes", "1"}, {"false", "no", "0"}
# C0 controls other than tab, line feed and carriage return: invisible, and NUL breaks
# PostgreSQL text columns.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
ASCII_NUMBER = re.compile(r"[0-9]{1,4}")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass
class RowResult:
    number: int
    title: str
    action: str = ""  # created | updated | rejected
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    cleaned: dict = field(default_factory=dict)
    # True when the row named its slug (an explicit update); False when made from the title.
    slug_asked: bool = False


def _kind(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _control_character_errors(label: str, value, errors: list[str]) -> None:
    """Refuse invisible control characters anywhere in a value (nested lists/objects too)."""
    if isinstance(value, str):
        found = CONTROL_CHARACTER.search(value)
        if found:
            errors.append(
                f"{label} contains a control character (U+{ord(found.group()):04X}); "
                "remove it and rerun"
            )
    elif isinstance(value, list):
        for item in value:
            _control_character_errors(label, item, errors)
    elif isinstance(value, dict):
        for item in value.values():
            _control_character_errors(label, item, errors)


def _unknown_field_errors(row: dict) -> list[str]:
    errors = []
    for key in row:
        if key in KNOWN_FIELDS:
            continue
        if key == EXTRA_CELLS:
            errors.append(f"the row has {len(row[key])} more cells than the header has columns")
            continue
        guess = difflib.get_close_matches(key, KNOWN_FIELDS, n=1)
        hint = f" (did you mean '{guess[0]}'?)" if guess else ""
        errors.append(
            f"unknown field '{key}'{hint}; known fields: see knowledge/importer/__init__.py"
        )
    return errors


def _text(row: dict, name: str, errors: list[str]) -> str:
    value = row.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        errors.append(f"{name} must be text, not {_kind(value)}")
        return ""
    return value


def _has_type_error(errors: list[str], name: str) -> bool:
    return any(error.startswith(f"{name} must be") for error in errors)


def _as_list(row: dict, name: str, errors: list[str], *, numbers: bool = False) -> list[str]:
    value = row.get(name)
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    allowed = (str, int) if numbers else (str,)
    if not isinstance(value, list) or not all(
        isinstance(item, allowed) and not isinstance(item, bool) for item in value
    ):
        kind = "numbers" if numbers else "text"
        errors.append(f"{name} must be {kind} or a list of {kind}, separated by ';' in CSV")
        return []
    return [str(item).strip() for item in value if str(item).strip()]


def _year(value, errors: list[str]) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        errors.append(f"year_launched must be a year, not {_kind(value)}")
        return None
    text = str(value).strip()
    if not text:
        return None
    # ASCII digits only: str.isdigit() accepts "²", which int() then refuses.
    if not ASCII_NUMBER.fullmatch(text) or not 1947 <= int(text) <= 2100:
        errors.append(f"year_launched '{text}' must be a year between 1947 and 2100")
        return None
    return int(text)


def _publication_date(text: str, errors: list[str]) -> datetime.date:
    text = text.strip()
    if not text:
        return datetime.date.today()
    if not ISO_DATE.fullmatch(text):
        errors.append(f"publication_date '{text}' must look like 2025-11-20")
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        errors.append(f"publication_date {text} is not a real date")
        return datetime.date.today()


def _sdg_numbers(values: list[str], errors: list[str]) -> list[str]:
    valid = []
    for value in values:
        if ASCII_NUMBER.fullmatch(value) and 1 <= int(value) <= 17:
            valid.append(str(int(value)))
        else:
            errors.append(f"sdgs: '{value}' is not a number from 1 to 17")
    return valid


def _publish(value, errors: list[str]) -> bool:
    if isinstance(value, bool):
        return value
    text = value.strip().lower() if isinstance(value, str) else None
    if text is None and value is None:
        return True
    if text not in TRUE_WORDS | FALSE_WORDS:
        errors.append("publish must be true or false")
        return True
    return text in TRUE_WORDS


def _sources(value, errors: list[str]) -> list[dict]:
    validate_url = URLValidator(schemes=["http", "https"])
    items = []
    if isinstance(value, list):
        raw = value
    elif value is None or isinstance(value, str):
        raw = []
        for line in (value or "").splitlines():
            if line.strip():
                title, _sep, url = (p.strip() for p in line.partition("|"))
                raw.append({"title": title, "url": url})
    else:
        errors.append(f"sources must be text or a list of objects, not {_kind(value)}")
        return []
    for item in raw:
        if not isinstance(item, dict):
            errors.append("sources: every source must be an object with a title")
            continue
        wrong = [
            key
            for key in ("title", "url", "authors", "publisher")
            if item.get(key) is not None and not isinstance(item[key], str)
        ]
        if wrong:
            errors.append(f"sources: {', '.join(wrong)} must be text")
            continue
        if not (item.get("title") or "").strip():
            errors.append("sources: every source needs a title")
            continue
        url = (item.get("url") or "").strip()
        if url:
            try:
                validate_url(url)
            except ValidationError:
                errors.append(f"sources: '{url}' is not an http(s) address")
                continue
        year = item.get("year")
        year_text = "" if year is None or isinstance(year, bool) else str(year).strip()
        if year_text and not ASCII_NUMBER.fullmatch(year_text):
            errors.append(f"sources: year '{year_text}' must be a number like 2024")
            continue
        items.append(
            {
                "title": item["title"].strip()[:300],
                "url": url,
                "authors": (item.get("authors") or "")[:300],
                "publisher": (item.get("publisher") or "")[:200],
                "year": int(year_text) if year_text else None,
            }
        )
    return items


def _slug(row: dict, title: str, errors: list[str]) -> tuple[str, bool]:
    """The slug asked for, else one from the title; never blank. And whether it was asked for.

    The title keeps its script, vowel signs and nukta included (core.slugs); a title of
    punctuation ("!!!") leaves nothing and gets the fallback.
    """
    asked = _text(row, "slug", errors).strip()
    if asked:
        slug = script_slugify(asked, fallback="", max_length=SLUG_MAX_LENGTH)
        if slug:
            return slug, True
    return script_slugify(title, fallback=FALLBACK_SLUG, max_length=SLUG_MAX_LENGTH), False


def _body_from_source(html: str) -> str:
    """Clean imported HTML once, on import, into what the site stores and renders: script and
    style contents dropped, ids kept under the ``user-content-`` prefix, no dangerous URLs."""
    return clean_imported_html(html)


def validate_row(
    number: int, row: dict, *, seen_slugs: dict[str, RowResult], lookups: Lookups | None = None
) -> RowResult:
    lookups = lookups or Lookups()
    row = {field_name(key): value for key, value in row.items()}
    errors: list[str] = []
    raw_title = _text(row, "title", errors).strip()
    result = RowResult(number=number, title=raw_title or "(no title)", errors=errors)
    errors.extend(_unknown_field_errors(row))
    for name, value in row.items():
        _control_character_errors(name, value, errors)
    title = CONTROL_CHARACTER.sub("", raw_title)
    result.title = title or "(no title)"
    if not title and not _has_type_error(errors, "title"):
        errors.append("title is required")
    elif len(title) > 255:
        errors.append("title is longer than 255 characters")
    summary = " ".join(_text(row, "summary", errors).split())
    if not summary and not _has_type_error(errors, "summary"):
        errors.append("summary is required")
    elif len(summary) > SUMMARY_MAX_LENGTH:
        errors.append(f"summary is {len(summary)} characters; the limit is {SUMMARY_MAX_LENGTH}")
    slug, slug_asked = _slug(row, title, errors)
    earlier = seen_slugs.get(slug)
    if earlier is not None:
        errors.append(
            f"slug '{slug}' appears twice in the file: row {earlier.number} "
            f"('{earlier.title}') and row {number} ('{result.title}'); give one its own slug"
        )
    else:
        seen_slugs[slug] = result
    result.slug_asked = slug_asked

    year_value = _year(row.get("year_launched"), errors)
    publication_date = _publication_date(_text(row, "publication_date", errors), errors)

    stage = level = None
    stage_slug = _text(row, "stage", errors).strip()
    if stage_slug:
        stage = lookups.one(InnovationStage, "slug", stage_slug)
        if stage is None:
            errors.append(f"stage: unknown '{stage_slug}'")
    level_slug = _text(row, "government_level", errors).strip()
    if level_slug:
        level = lookups.one(GovernmentLevel, "slug", level_slug)
        if level is None:
            errors.append(f"government_level: unknown '{level_slug}'")

    country_codes = [code.upper() for code in _as_list(row, "countries", errors)]
    if not country_codes and not _has_type_error(errors, "countries"):
        errors.append("countries: at least one ISO code is required")
    countries = lookups.many(Country, "code", country_codes, "countries", errors)
    place_codes = [code.upper() for code in _as_list(row, "places", errors)]
    places = lookups.many(Place, "code", place_codes, "places", errors)
    themes = lookups.many(Theme, "slug", _as_list(row, "themes", errors), "themes", errors)
    sdg_values = _sdg_numbers(_as_list(row, "sdgs", errors, numbers=True), errors)
    sdgs = lookups.many(SustainableDevelopmentGoal, "number", sdg_values, "sdgs", errors)
    implementing = lookups.many(
        PartnerPage, "slug", _as_list(row, "implementing_partners", errors),
        "implementing_partners", errors,
    )  # fmt: skip
    contributing = lookups.many(
        PartnerPage, "slug", _as_list(row, "contributing_partners", errors),
        "contributing_partners", errors,
    )  # fmt: skip
    language = _text(row, "original_language", errors).strip() or "en"
    if language not in OriginalLanguage.values:
        errors.append(f"original_language: unknown '{language}'")
    licence = _text(row, "licence", errors).strip()
    if licence and licence not in Licence.values:
        errors.append(f"licence: unknown '{licence}' (one of {', '.join(Licence.values)})")
    publish = _publish(row.get("publish"), errors)
    sources = _sources(row.get("sources"), errors)
    for name in TEXT_FIELDS:
        length = len(str(row.get(name) or ""))
        if length > MAX_DOCUMENT_MARKDOWN_LENGTH:
            errors.append(
                f"{name} is {length} characters; the limit is {MAX_DOCUMENT_MARKDOWN_LENGTH}"
            )
    body_format = _text(row, "body_format", errors).strip().lower() or "markdown"
    if body_format not in BODY_FORMATS:
        errors.append("body_format must be markdown or html")
    bodies = {name: _text(row, name, errors) for name in TEXT_FIELDS}
    if body_format == "html":
        bodies = {
            name: _body_from_source(text) if text.strip() else "" for name, text in bodies.items()
        }

    result.cleaned = {
        "slug": slug,
        "title": title,
        "summary": summary,
        **bodies,
        "year_launched": year_value,
        "publication_date": publication_date,
        "stage": stage,
        "government_level": level,
        "original_language": language,
        "countries": countries,
        "places": places,
        "themes": themes,
        "sdgs": sdgs,
        "implementing_partners": implementing,
        "contributing_partners": contributing,
        "sources": sources,
        "publish": publish,
    }
    if licence:
        result.cleaned["licence"] = licence
    if errors:
        result.action = "rejected"
    return result
