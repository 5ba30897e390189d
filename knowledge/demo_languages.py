"""Demo knowledge written in the region's languages, called from ``knowledge.demo.seed``,
and the loader of every language's demo knowledge, English included.

Per language (Urdu, Bengali, Hindi, Nepali, Sinhala, Tamil) one case study and one finding,
placed under the knowledge base's translation in that language's locale, plus English case
studies with translations linked to their originals. The text lives in ``data/demo/``:
``<language>.json`` holds ``case_studies`` (rows in ``import_case_studies``' schema, see
``knowledge.importer``: the file can be imported as it is) and ``findings``; ``translations.json`` the translated English pages.
Pages that exist are left alone, so seeding twice creates nothing.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from core.locale_pages import locale_section_ensure, page_locales_enabled

from .importer.writing import case_studies_import
from .models import (
    CASE_STUDY_SECTIONS,
    CaseStudyPage,
    FindingAuthor,
    FindingPage,
    KnowledgeIndexPage,
)

DATA = Path(__file__).resolve().parent / "data" / "demo"
LANGUAGES = ("ur", "bn", "hi", "ne", "si", "ta")
TRANSLATED_FIELDS = ["title", "summary", *CASE_STUDY_SECTIONS]


def _read(name: str):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def content_read(language_code: str) -> dict:
    """The demo knowledge written in one language: ``case_studies`` and ``findings``."""
    return _read(f"{language_code}.json")


def case_studies_import_new(index: KnowledgeIndexPage, rows: list[dict]) -> list[dict]:
    """Import the rows whose slug is new under ``index``, as editors import a file; returns
    those rows."""
    taken = set(index.get_children().values_list("slug", flat=True))
    new_rows = [row for row in rows if row["slug"] not in taken]
    if not new_rows:
        return []
    results, written = case_studies_import(rows=new_rows, dry_run=False, index=index)
    if not written:
        problems = [f"{r.title}: {'; '.join(r.errors)}" for r in results if r.errors]
        raise ValueError(f"demo case studies in {index.locale.language_code}: {problems}")
    return new_rows


def finding_publish(index: KnowledgeIndexPage, spec: dict, *, ref, people) -> bool:
    """Publish one finding as an editor does in the admin; False when it exists already."""
    if index.get_children().filter(slug=spec["slug"]).exists():
        return False
    page = FindingPage(
        slug=spec["slug"],
        title=spec["title"],
        kind=spec["kind"],
        abstract=spec["abstract"],
        body=spec["body"],
        publication_date=datetime.date.fromisoformat(spec["publication_date"]),
        key_recommendations=[("recommendation", text) for text in spec["recommendations"]],
        owner=people["editor"],
    )
    page.countries = [ref["countries"][code] for code in spec["countries"]]
    page.themes = [ref["themes"][slug] for slug in spec["themes"]]
    page.sdgs = [ref["sdgs"][number] for number in spec["sdgs"]]
    page.partners = [ref["partners"][s] for s in spec["partners"] if s in ref["partners"]]
    page.authors = [FindingAuthor(person=people[handle]) for handle in spec["authors"]]
    index.add_child(instance=page)
    page.save_revision(user=people["editor"], log_action=True).publish(user=people["editor"])
    return True


def _translation_publish(original: CaseStudyPage, spec: dict, *, editor) -> bool:
    """Copy an English case study into the locale of ``spec["language"]`` (linked to it by
    Wagtail's translation key), put in the translated text and publish it."""
    language_code = spec["language"]
    english_index = original.get_parent().specific
    locale = locale_section_ensure(index=english_index, language_code=language_code).locale
    if original.get_translation_or_none(locale) is not None:
        return False
    translation = original.copy_for_translation(locale)
    for name in TRANSLATED_FIELDS:
        setattr(translation, name, spec[name])
    translation.save_revision(user=editor, log_action=True).publish(user=editor)
    return True


def seed(*, index: KnowledgeIndexPage, ref: dict, people: dict) -> str:
    """Create what is missing; returns a line for the seed report."""
    if not page_locales_enabled():
        return "  knowledge in other languages: skipped, Wagtail's localisation is off"
    cases = findings = translations = 0
    for language_code in LANGUAGES:
        content = content_read(language_code)
        section = locale_section_ensure(index=index, language_code=language_code)
        cases += len(case_studies_import_new(section, content["case_studies"]))
        for spec in content["findings"]:
            findings += finding_publish(section, spec, ref=ref, people=people)
    for spec in _read("translations.json"):
        original = CaseStudyPage.objects.child_of(index).filter(slug=spec["original"]).first()
        if original is not None:
            translations += _translation_publish(original, spec, editor=people["editor"])
    return (
        f"  knowledge in {len(LANGUAGES)} languages: {cases} case studies, {findings} findings "
        f"and {translations} translations added"
    )
