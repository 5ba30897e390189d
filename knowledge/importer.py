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
problem, what_was_done,
implementation, results,
lessons, transferability no      Markdown
year_launched          no        integer 1947–2100
publication_date       no        YYYY-MM-DD (default: today)
stage                  no        innovation stage slug: idea, pilot, implementation, scaled,
                                 evaluated
government_level       no        national, provincial-state, district-local
countries              yes       ISO 3166 codes; CSV: separated by ";"; JSON: a list
themes                 no        theme slugs (e.g. service-delivery); ";" or a list
sdgs                   no        SDG numbers 1–17; ";" or a list
implementing_partners  no        partner page slugs; ";" or a list
contributing_partners  no        partner page slugs; ";" or a list
original_language      no        en, ur, hi, bn, ne, si, ta, prs, ps, dv, dz, pa, other
sources                no        CSV: one per line "Title | https://url"; JSON: a list of
                                 {"title", "url", "authors", "publisher", "year"}
publish                no        true/false (default true); false keeps it a draft
=====================  ========  ==========================================================
"""

from __future__ import annotations

import csv
import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify

from core.models import Country
from core.text import MAX_DOCUMENT_MARKDOWN_LENGTH
from network.models import (
    GovernmentLevel,
    InnovationStage,
    PartnerPage,
    SustainableDevelopmentGoal,
    Theme,
)

from .models import CaseStudyPage, KnowledgeIndexPage, OriginalLanguage
from .models.pages import SUMMARY_MAX_LENGTH

TEXT_FIELDS = [
    "problem",
    "what_was_done",
    "implementation",
    "results",
    "lessons",
    "transferability",
]


class ImportFileError(Exception):
    """The file itself cannot be read (format, encoding, structure)."""


@dataclass
class RowResult:
    number: int
    title: str
    action: str = ""  # created | updated | rejected
    errors: list[str] = field(default_factory=list)
    cleaned: dict = field(default_factory=dict)


def read_rows(path: Path) -> list[dict]:
    suffix = path.suffix.lower()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ImportFileError(f"Cannot read {path}: {error}") from error
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ImportFileError(f"Invalid JSON: {error}") from error
        if isinstance(data, dict):
            data = data.get("case_studies")
        if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
            raise ImportFileError('JSON must be a list of objects (or {"case_studies": [...]}).')
        return data
    if suffix == ".csv":
        reader = csv.DictReader(text.splitlines())
        if not reader.fieldnames or "title" not in reader.fieldnames:
            raise ImportFileError("The CSV needs a header row with at least 'title'.")
        return list(reader)
    raise ImportFileError("Use a .csv or .json file.")


def _as_list(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split(";") if part.strip()]


def _sources(value, errors: list[str]) -> list[dict]:
    validate_url = URLValidator(schemes=["http", "https"])
    items = []
    if isinstance(value, list):
        raw = value
    else:
        raw = []
        for line in str(value or "").splitlines():
            if line.strip():
                title, _sep, url = (p.strip() for p in line.partition("|"))
                raw.append({"title": title, "url": url})
    for item in raw:
        if not isinstance(item, dict) or not str(item.get("title", "")).strip():
            errors.append("sources: every source needs a title")
            continue
        url = str(item.get("url") or "").strip()
        if url:
            try:
                validate_url(url)
            except ValidationError:
                errors.append(f"sources: '{url}' is not an http(s) address")
                continue
        year = item.get("year")
        items.append(
            {
                "title": str(item["title"]).strip()[:300],
                "url": url,
                "authors": str(item.get("authors") or "")[:300],
                "publisher": str(item.get("publisher") or "")[:200],
                "year": int(year) if str(year or "").isdigit() else None,
            }
        )
    return items


def _lookup_many(model, field_name: str, values: list[str], label: str, errors: list[str]):
    found = {
        str(getattr(obj, field_name)): obj
        for obj in model.objects.filter(**{f"{field_name}__in": values})
    }
    missing = [v for v in values if v not in found]
    if missing:
        errors.append(f"{label}: unknown {', '.join(missing)}")
    return [found[v] for v in values if v in found]


def validate_row(number: int, row: dict, *, seen_slugs: set[str]) -> RowResult:
    title = str(row.get("title") or "").strip()
    result = RowResult(number=number, title=title or "(no title)")
    errors = result.errors
    if not title:
        errors.append("title is required")
    elif len(title) > 255:
        errors.append("title is longer than 255 characters")
    summary = " ".join(str(row.get("summary") or "").split())
    if not summary:
        errors.append("summary is required")
    elif len(summary) > SUMMARY_MAX_LENGTH:
        errors.append(f"summary is {len(summary)} characters; the limit is {SUMMARY_MAX_LENGTH}")
    slug = slugify(str(row.get("slug") or "").strip() or title)[:255]
    if slug in seen_slugs:
        errors.append(f"slug '{slug}' appears twice in the file")
    seen_slugs.add(slug)

    year = str(row.get("year_launched") or "").strip()
    year_value = None
    if year:
        if not year.isdigit() or not 1947 <= int(year) <= 2100:
            errors.append(f"year_launched '{year}' must be a year between 1947 and 2100")
        else:
            year_value = int(year)
    date_text = str(row.get("publication_date") or "").strip()
    publication_date = datetime.date.today()
    if date_text:
        try:
            publication_date = datetime.date.fromisoformat(date_text)
        except ValueError:
            errors.append(f"publication_date '{date_text}' must look like 2025-11-20")

    stage = level = None
    if row.get("stage"):
        stage = InnovationStage.objects.filter(slug=str(row["stage"]).strip()).first()
        if stage is None:
            errors.append(f"stage: unknown '{row['stage']}'")
    if row.get("government_level"):
        level = GovernmentLevel.objects.filter(slug=str(row["government_level"]).strip()).first()
        if level is None:
            errors.append(f"government_level: unknown '{row['government_level']}'")

    country_codes = [code.upper() for code in _as_list(row.get("countries"))]
    if not country_codes:
        errors.append("countries: at least one ISO code is required")
    countries = _lookup_many(Country, "code", country_codes, "countries", errors)
    themes = _lookup_many(Theme, "slug", _as_list(row.get("themes")), "themes", errors)
    sdg_values = _as_list(row.get("sdgs"))
    if any(not v.isdigit() for v in sdg_values):
        errors.append("sdgs: use numbers 1 to 17")
        sdg_values = [v for v in sdg_values if v.isdigit()]
    sdgs = _lookup_many(SustainableDevelopmentGoal, "number", sdg_values, "sdgs", errors)
    implementing = _lookup_many(
        PartnerPage, "slug", _as_list(row.get("implementing_partners")),
        "implementing_partners", errors,
    )  # fmt: skip
    contributing = _lookup_many(
        PartnerPage, "slug", _as_list(row.get("contributing_partners")),
        "contributing_partners", errors,
    )  # fmt: skip
    language = str(row.get("original_language") or "en").strip()
    if language not in OriginalLanguage.values:
        errors.append(f"original_language: unknown '{language}'")
    publish_text = str(row.get("publish", "true")).strip().lower()
    if publish_text not in {"", "true", "false", "yes", "no", "1", "0"}:
        errors.append("publish must be true or false")
    sources = _sources(row.get("sources"), errors)
    for name in TEXT_FIELDS:
        length = len(str(row.get(name) or ""))
        if length > MAX_DOCUMENT_MARKDOWN_LENGTH:
            errors.append(
                f"{name} is {length} characters; the limit is {MAX_DOCUMENT_MARKDOWN_LENGTH}"
            )

    result.cleaned = {
        "slug": slug,
        "title": title,
        "summary": summary,
        **{name: str(row.get(name) or "") for name in TEXT_FIELDS},
        "year_launched": year_value,
        "publication_date": publication_date,
        "stage": stage,
        "government_level": level,
        "original_language": language,
        "countries": countries,
        "themes": themes,
        "sdgs": sdgs,
        "implementing_partners": implementing,
        "contributing_partners": contributing,
        "sources": sources,
        "publish": publish_text in {"", "true", "yes", "1"},
    }
    if errors:
        result.action = "rejected"
    return result


def case_studies_import(*, rows: list[dict], dry_run: bool) -> tuple[list[RowResult], bool]:
    """Validate all rows; write them only if every row is valid and this is not a dry run.

    Returns the per-row results and whether anything was written.
    """
    index = KnowledgeIndexPage.objects.first()
    if index is None:
        raise ImportFileError("There is no knowledge index page to import under.")
    seen: set[str] = set()
    results = [validate_row(number, row, seen_slugs=seen) for number, row in enumerate(rows, 1)]
    existing = set(
        CaseStudyPage.objects.child_of(index)
        .filter(slug__in=[r.cleaned["slug"] for r in results])
        .values_list("slug", flat=True)
    )
    for result in results:
        if result.action != "rejected":
            result.action = "updated" if result.cleaned["slug"] in existing else "created"
    if dry_run or any(result.action == "rejected" for result in results):
        return results, False
    with transaction.atomic():
        for result in results:
            _write(index, result.cleaned)
    return results, True


def _write(index, data: dict) -> CaseStudyPage:
    data = dict(data)
    publish = data.pop("publish")
    m2m = {
        name: data.pop(name)
        for name in [
            "countries",
            "themes",
            "sdgs",
            "implementing_partners",
            "contributing_partners",
        ]
    }
    sources = data.pop("sources")
    page = CaseStudyPage.objects.child_of(index).filter(slug=data["slug"]).first()
    if page is None:
        page = CaseStudyPage(live=False, **data)
        for name, value in m2m.items():
            setattr(page, name, value)
        page.sources = [("source", source) for source in sources]
        index.add_child(instance=page)
    else:
        for name, value in {**data, **m2m}.items():
            setattr(page, name, value)
        page.sources = [("source", source) for source in sources]
        if not page.live:
            page.save()
    revision = page.save_revision(log_action=True)
    if publish:
        revision.publish()
    return page
