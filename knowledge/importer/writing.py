"""Validated rows written as case studies: all of them in one transaction, or none."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task

from core.fields import markdown_renderings_reused
from core.page_bulk import NewChildPages
from core.search_port import page_index_writes_deferred

from ..licences import Licence
from ..models import CaseStudyPage, KnowledgeIndexPage
from .lookups import Lookups
from .reading import ImportFileError
from .validation import SLUG_MAX_LENGTH, RowResult, validate_row


class _RejectedWhileWriting(Exception):
    """A row failed the page's own validation inside the transaction: roll everything back."""


def _same_title(first: str, second: str) -> bool:
    """Whether two titles name the same record, ignoring case, spacing and Unicode form."""

    def key(title: str) -> str:
        return " ".join(unicodedata.normalize("NFC", title).casefold().split())

    return key(first) == key(second)


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
    lookups = Lookups()
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
