"""Bulk import of case studies from CSV or JSON (see ``manage.py import_case_studies --help``).

Every row is validated first. If any row is rejected nothing is written; otherwise all
rows are created or updated in one transaction, so an import never stops half-way.

Schema (CSV header names = JSON keys):

=====================  ========  ==========================================================
field                  required  format
=====================  ========  ==========================================================
title                  yes       text, at most 255 characters
summary                yes       plain text, at most 600 characters
slug                   no        identifies the case study to update; default: from title
                                 (its script kept, vowel signs included; "case-study" if
                                 nothing is left). A slug made from the title updates only
                                 a case study with that same title; another title giving
                                 the same slug rejects the row. A slug another sibling page
                                 (a finding) uses gets "-2", "-3"…
problem, what_was_done,
implementation, results,
lessons, transferability no      Markdown, or HTML with body_format: html
year_launched          no        integer 1947–2100
publication_date       no        YYYY-MM-DD (default: today)
stage                  no        innovation stage slug: idea, pilot, implementation, scaled,
                                 evaluated
government_level       no        national, provincial-state, district-local
countries              yes       ISO 3166 codes; CSV: separated by ";"; JSON: a list
places                 no        gazetteer place codes (manage.py load_places): provinces
                                 and divisions by ISO 3166-2 code (PK-PB, BD-D), districts
                                 and below by the shipped lists' codes (PK-PB-LAHORE, BD-27);
                                 ";" or a list. A district counts for its province too.
themes                 no        theme slugs (e.g. service-delivery); ";" or a list
sdgs                   no        SDG numbers 1–17; ";" or a list
implementing_partners  no        partner page slugs; ";" or a list
contributing_partners  no        partner page slugs; ";" or a list
original_language      no        en, ur, hi, bn, ne, si, ta, prs, ps, dv, dz, pa, other
licence                no        CC-BY-4.0, CC-BY-SA-4.0, CC-BY-NC-4.0, CC-BY-NC-SA-4.0,
                                 CC0-1.0, all-rights-reserved or not-specified. A new case
                                 study without one is "not-specified": an import carries
                                 documents whose authors chose no licence on this site. An
                                 update without one keeps the licence it has.
sources                no        CSV: one per line "Title | https://url"; JSON: a list of
                                 {"title", "url", "authors", "publisher", "year"}
publish                no        true/false (default true); false keeps it a draft
body_format            no        markdown (default) or html: how the six text fields are
                                 written. HTML is cleaned once, here, to the site's
                                 allow-list and stored as that HTML (Markdown passes HTML
                                 blocks through unchanged), so views never see the original.
=====================  ========  ==========================================================

Header names and JSON keys are matched ignoring case and surrounding spaces; an unknown one
rejects the record (with the closest known name), so misspelt columns never drop text
silently. Text must be text: a number, list or object where text is expected, or a control
character other than tab, newline and carriage return, rejects the record.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import json
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task

from core.fields import markdown_renderings_reused
from core.models import Country, Place
from core.page_bulk import NewChildPages
from core.search_port import page_index_writes_deferred
from core.slugs import script_slugify
from core.text import MAX_DOCUMENT_MARKDOWN_LENGTH, clean_imported_html
from network.models import (
    GovernmentLevel,
    InnovationStage,
    PartnerPage,
    SustainableDevelopmentGoal,
    Theme,
)

from .licences import Licence
from .models import CaseStudyPage, KnowledgeIndexPage, OriginalLanguage
from .models.pages import CASE_STUDY_SECTIONS, SUMMARY_MAX_LENGTH

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
EXTRA_CELLS = "(cells beyond the header)"  # csv.DictReader's restkey, renamed for the report
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class ImportFileError(Exception):
    """The file itself cannot be read (format, encoding, structure)."""


class _RejectedWhileWriting(Exception):
    """A row failed the page's own validation inside the transaction: roll everything back."""


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
        headers = [_field_name(name) for name in reader.fieldnames or []]
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


def _field_name(name: str) -> str:
    return str(name).strip().lower()


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
        errors.append(f"unknown field '{key}'{hint}; known fields: see knowledge/importer.py")
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


class _Lookups:
    """Countries, themes, SDGs, stages, levels and partners by the value a row names them with.

    Rows name the same few over and over; each value is read from the database once per
    import (and its absence remembered too), not once per row.
    """

    def __init__(self):
        self._found: dict[tuple[type, str], dict[str, object | None]] = {}

    def many(self, model, field_name: str, values: list[str], label: str, errors: list[str]):
        known = self._found.setdefault((model, field_name), {})
        unseen = [value for value in dict.fromkeys(values) if value not in known]
        if unseen:
            found = {
                str(getattr(obj, field_name)): obj
                for obj in model.objects.filter(**{f"{field_name}__in": unseen})
            }
            known.update({value: found.get(value) for value in unseen})
        missing = [v for v in values if known[v] is None]
        if missing:
            errors.append(f"{label}: unknown {', '.join(missing)}")
        return [known[v] for v in values if known[v] is not None]

    def one(self, model, field_name: str, value: str):
        found = self.many(model, field_name, [value], "", [])
        return found[0] if found else None


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


def _same_title(first: str, second: str) -> bool:
    """Whether two titles name the same record, ignoring case, spacing and Unicode form."""

    def key(title: str) -> str:
        return " ".join(unicodedata.normalize("NFC", title).casefold().split())

    return key(first) == key(second)


def _body_from_source(html: str) -> str:
    """Clean imported HTML once, on import, into what the site stores and renders: script and
    style contents dropped, ids kept under the ``user-content-`` prefix, no dangerous URLs."""
    return clean_imported_html(html)


def validate_row(
    number: int, row: dict, *, seen_slugs: dict[str, RowResult], lookups: _Lookups | None = None
) -> RowResult:
    lookups = lookups or _Lookups()
    row = {_field_name(key): value for key, value in row.items()}
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


def _unique_slug(slug: str, taken: set[str]) -> str:
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = slug[: SLUG_MAX_LENGTH - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
        number += 1


def _resolve_slugs(index, results: list[RowResult]) -> None:
    """Decide create/update per row; give a new page a slug no sibling uses.

    A slug the row names updates the existing case study with that slug. A slug made from
    the title updates one only if that case study has the same title (a re-import); another
    title that reduces to the same slug is rejected, naming both, never updated over. One
    used by another kind of sibling page (a finding, say) would make Wagtail refuse the page,
    so the new case study gets the first free ``-2``, ``-3``… suffix and the report says so.
    """
    siblings = dict(Page.objects.child_of(index).values_list("slug", "content_type__model"))
    case_study_titles = dict(CaseStudyPage.objects.child_of(index).values_list("slug", "title"))
    case_study_type = CaseStudyPage._meta.model_name
    taken = set(siblings) | {r.cleaned["slug"] for r in results if r.cleaned}
    for result in results:
        if result.action == "rejected":
            continue
        slug = result.cleaned["slug"]
        if siblings.get(slug) == case_study_type:
            existing_title = case_study_titles.get(slug, "")
            if result.slug_asked or _same_title(existing_title, result.cleaned["title"]):
                result.action = "updated"
            else:
                result.action = "rejected"
                result.errors.append(
                    f"the title '{result.cleaned['title']}' gives the slug '{slug}', which is "
                    f"the case study '{existing_title}'; give this row its own slug (or slug "
                    f"'{slug}' to update that case study)"
                )
            continue
        if slug in siblings:
            new_slug = _unique_slug(slug, taken)
            taken.add(new_slug)
            result.notes.append(f"slug '{slug}' is taken by another page; using '{new_slug}'")
            result.cleaned["slug"] = new_slug
        result.action = "created"


def case_studies_import(
    *, rows: list[dict], dry_run: bool, index: KnowledgeIndexPage | None = None
) -> tuple[list[RowResult], bool]:
    """Validate all rows; write them only if every row is valid and this is not a dry run.

    The case studies go under ``index`` (a knowledge base in one locale), by default the
    first knowledge base. Returns the per-row results and whether anything was written.

    Every page is published with one revision, as an editor's publish would, inside one
    transaction: new pages are validated row by row and then written together
    (``core.page_bulk.NewChildPages``); what publishing asks of the indexes is done once for
    all pages at the end of it (``_index_updates_batched``), so a failure anywhere leaves
    nothing behind.
    """
    index = index or KnowledgeIndexPage.objects.first()
    if index is None:
        raise ImportFileError("There is no knowledge index page to import under.")
    seen: dict[str, RowResult] = {}
    lookups = _Lookups()
    results = [
        validate_row(number, row, seen_slugs=seen, lookups=lookups)
        for number, row in enumerate(rows, 1)
    ]
    _resolve_slugs(index, results)
    if dry_run or any(result.action == "rejected" for result in results):
        return results, False
    existing = _pages_to_update(index, results)
    try:
        with transaction.atomic(), _index_updates_batched(CaseStudyPage) as updated:
            new_pages = NewChildPages(index)
            for result in results:
                try:
                    page = _write(index, result.cleaned, existing=existing, new_pages=new_pages)
                except ValidationError as error:
                    result.action = "rejected"
                    result.errors.extend(error.messages)
                    raise _RejectedWhileWriting from error
                if result.action == "updated":
                    updated.append(page)
            new_pages.write()
    except _RejectedWhileWriting:
        return results, False
    return results, True


def _pages_to_update(index, results: list[RowResult]) -> dict[str, CaseStudyPage]:
    """The case studies the rows update, by slug, read in one query."""
    slugs = [r.cleaned["slug"] for r in results if r.action == "updated"]
    if not slugs:
        return {}
    return {
        page.slug: page for page in CaseStudyPage.objects.child_of(index).filter(slug__in=slugs)
    }


@contextmanager
def _index_updates_batched(model) -> Iterator[list]:
    """Index the pages published in this block once each, together, when it ends.

    Publishing a page updates the site search (``core.search_port``, which is also Wagtail's
    search backend) and Wagtail's reference index (what a page links to, for the admin's usage
    counts), which Wagtail updates on every save, two saves for an updated published page.
    Here every save only renders its Markdown once (``markdown_renderings_reused``), and when
    the block ends without an error the site search writes the published pages' documents in
    batches, and the references of each updated page are recorded once, through the task a
    save would have queued (``NewChildPages`` records those of new pages itself). Callers add
    the updated pages to the list.
    """
    pages: list = []
    with (
        disable_reference_index_auto_update(),
        markdown_renderings_reused(),
        page_index_writes_deferred(),
    ):
        yield pages
    if ReferenceIndex.is_indexed(model):
        for page in pages:
            update_reference_index_task.enqueue(
                model._meta.app_label, model._meta.model_name, str(page.pk)
            )


def _write(
    index, data: dict, *, existing: dict[str, CaseStudyPage], new_pages: NewChildPages
) -> CaseStudyPage:
    """Update the case study ``existing`` has for the row's slug, or validate a new one and
    add it to ``new_pages`` (written with the others when the rows are done)."""
    data = dict(data)
    publish = data.pop("publish")
    m2m = {
        name: data.pop(name)
        for name in [
            "countries",
            "places",
            "themes",
            "sdgs",
            "implementing_partners",
            "contributing_partners",
        ]
    }
    sources = data.pop("sources")
    page = existing.get(data["slug"])
    if page is None:
        data.setdefault("licence", Licence.NOT_SPECIFIED)
        page = CaseStudyPage(**data)
        for name, value in m2m.items():
            setattr(page, name, value)
        page.sources = [("source", source) for source in sources]
        return new_pages.add(page, publish=publish)
    else:
        for name, value in {**data, **m2m}.items():
            setattr(page, name, value)
        page.sources = [("source", source) for source in sources]
        validated = not page.live
        if validated:
            page.save()
    revision = page.save_revision(log_action=True, clean=not validated)
    if publish:
        revision.publish()
    return page
