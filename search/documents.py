"""Which pages are searchable, and the search document each one becomes.

Only a live page of a registered type, with no view restriction on it or any ancestor, that
its adapter calls searchable, becomes a document. Documents are always built from the database
row (never from an in-memory instance carrying unsaved draft edits).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, time

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from wagtail.models import Locale, Page, PageViewRestriction

from core.fields import rendered_markdown_fields
from core.languages import page_own_url
from core.text import html_to_plain_text, markdown_to_plain_text

from .adapters import ADAPTERS, PageAdapter, adapter_for
from .attachments import attachment_text
from .engines.base import IndexDocument

BATCH_SIZE = 500


def _restricted_paths() -> list[str]:
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def _is_restricted(page, restricted_paths: list[str]) -> bool:
    return any(page.path.startswith(path) for path in restricted_paths)


def document_for(page, restricted_paths: list[str] | None = None) -> IndexDocument | None:
    """The search document for ``page`` (a specific page), or None if it must not be searchable."""
    adapter = adapter_for(page)
    if adapter is None or not page.live or page.expired:
        return None
    if restricted_paths is None:
        restricted_paths = _restricted_paths()
    if _is_restricted(page, restricted_paths):
        return None
    if not adapter.is_searchable(page):
        return None
    # Its own address, not the one for the language active while indexing (core.languages).
    url = page_own_url(page)
    if not url:
        return None
    return build_document(page, adapter, url, restricted_paths=restricted_paths)


def searchable_models() -> list[type]:
    return [apps.get_model(label) for label in ADAPTERS]


def candidate_pages():
    """Live pages of every registered type; restriction checks happen per batch."""
    return Page.objects.live().type(*searchable_models()).order_by("path")


def document_batches(
    pages=None, batch_size: int = BATCH_SIZE
) -> Iterator[tuple[list[IndexDocument], list[int]]]:
    """(documents to write, page ids to remove) per batch of candidate pages."""
    pages = candidate_pages() if pages is None else pages
    restricted = _restricted_paths()
    # A document carries its page's language (``page.locale``): read the few locales once
    # rather than once per page.
    locales = {locale.pk: locale for locale in Locale.objects.all()}
    ids = list(pages.values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        documents, removed = [], []
        pages_read = list(Page.objects.filter(pk__in=chunk).specific().order_by("path"))
        _relations_prefetch(pages_read)
        for page in pages_read:
            if page.locale_id in locales:
                page.locale = locales[page.locale_id]
            document = document_for(page, restricted)
            if document is None:
                removed.append(page.pk)
            else:
                documents.append(document)
        yield documents, removed


def _relations_prefetch(pages: list) -> None:
    """Read the related rows the adapters build documents from (countries, themes, partners,
    stage, attachments…) once per batch and type, rather than once per page."""
    by_model: dict[type, list] = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    for model, group in by_model.items():
        adapter = adapter_for(group[0])
        if adapter is None:
            continue
        names = [
            *adapter.countries, *adapter.places, *adapter.themes, *adapter.sdgs, *adapter.organisations,
            *adapter.attachments, *(name for _facet, fields in adapter.keyed_facets for name in fields),
        ]  # fmt: skip
        lookups = []
        for name in dict.fromkeys(names):
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue  # a property (a lab's university country), read per page
            if field.is_relation:
                lookups.append(field.name)  # a facet may name the column ("agency_id")
        prefetch_related_objects(group, *dict.fromkeys(lookups))


# --- a page's text and facet values ---------------------------------------------------------------------------

_SPACE_RE = re.compile(r"\s+")
_STREAM_SKIP_KEYS = {"id", "type", "url", "link", "page", "image", "document", "colour", "style"}


def _plain(value, *, rendered: str | None = None) -> str:
    """Plain text of a field value: Markdown/HTML strings, rich text and StreamField data.

    ``rendered`` is the Markdown's stored rendering (``core.fields.RenderedMarkdownField``),
    when the page has one: the same text without rendering the Markdown again.
    """
    if value is None:
        return ""
    if hasattr(value, "raw_data"):  # StreamValue
        return " ".join(_walk_stream(list(value.raw_data)))
    if hasattr(value, "source"):  # RichText
        return _collapse(strip_tags(value.source))
    if isinstance(value, str):
        if "<" in value and ">" in value:
            return _collapse(strip_tags(value))
        if any(mark in value for mark in ("*", "#", "[", "_", "`")):
            if rendered:
                return _collapse(html_to_plain_text(rendered))
            return _collapse(markdown_to_plain_text(value))
        return _collapse(value)
    return _collapse(str(value))


def _stored_rendering(page, name: str) -> str | None:
    """The stored HTML of Markdown field ``name``, if the page keeps one (read from the row)."""
    for markdown_field in rendered_markdown_fields(type(page)):
        if markdown_field.source == name:
            return getattr(page, markdown_field.attname, None)
    return None


def _walk_stream(data) -> Iterable[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key in _STREAM_SKIP_KEYS and not isinstance(value, dict | list):
                continue
            yield from _walk_stream(value)
    elif isinstance(data, list):
        for item in data:
            yield from _walk_stream(item)
    elif isinstance(data, str) and data.strip():
        yield _plain(data)


def _collapse(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def _objects(page, names: Iterable[str]) -> list:
    found = []
    for name in names:
        value = getattr(page, name, None)
        if value is None:
            continue
        if hasattr(value, "all"):
            found.extend(value.all())
        elif isinstance(value, list | tuple):
            found.extend(value)
        else:
            found.append(value)
    return found


def _first_value(page, names: Iterable[str]):
    for name in names:
        value = getattr(page, name, None)
        if value:
            return value
    return None


def _year(value) -> int | None:
    if isinstance(value, datetime | date):
        return value.year
    if isinstance(value, int):
        return value
    return None


def _aware(value) -> datetime | None:
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    if isinstance(value, date):
        return timezone.make_aware(datetime.combine(value, time()))
    return None


def _name(obj) -> str:
    # A plain text field (a lab's ``university_name``) is its own name: asking a str for its
    # "title" would find the bound str.title method and index "<built-in method title …>".
    if isinstance(obj, str):
        return obj
    for attribute in ("title", "name", "short_name"):
        value = getattr(obj, attribute, None)
        if value and not callable(value):
            return str(value)
    return ""


def _key(obj) -> str:
    for attribute in ("slug", "code", "number"):
        value = getattr(obj, attribute, None)
        if value not in (None, ""):
            return str(value)
    if isinstance(obj, bool):
        return "yes" if obj else "no"
    return str(getattr(obj, "value", obj)).strip()


def _keyed_values(page, names: Iterable[str], is_visible: Callable[[object], bool]) -> list[str]:
    values = []
    for obj in _objects(page, names):
        if not is_visible(obj):
            continue
        key = _key(obj)
        if key and key not in values:
            values.append(key)
    return values


def _visibility(restricted_paths: Sequence[str]) -> Callable[[object], bool]:
    """Whether a related object may lend its name or key to a public document: anything but a
    page that is not live or sits under a view restriction (a draft or private partner)."""

    def is_visible(obj) -> bool:
        if getattr(obj, "live", True) is False:
            return False
        path = getattr(obj, "path", None)
        return not (path and any(path.startswith(p) for p in restricted_paths))

    return is_visible


def build_document(
    page, adapter: PageAdapter, url: str, *, restricted_paths: Sequence[str] = ()
) -> IndexDocument:
    """``page``'s document; ``restricted_paths`` are the paths of view-restricted pages."""
    is_visible = _visibility(restricted_paths)
    summary = " ".join(_plain(getattr(page, name, "")) for name in adapter.summary[:1]) or _plain(
        _first_value(page, adapter.summary)
    )
    if not summary:
        summary = _plain(getattr(page, "search_description", ""))
    body_parts = [
        _plain(getattr(page, name, None), rendered=_stored_rendering(page, name))
        for name in adapter.body
    ]
    body_parts += [_plain(getattr(page, name, None)) for name in adapter.extra]
    attachments = " ".join(attachment_text(obj) for obj in _objects(page, adapter.attachments))

    language = page.locale.language_code
    facets: dict[str, list[str]] = {"content_type": [adapter.content_type], "language": [language]}
    countries = [getattr(c, "code", "") for c in _objects(page, adapter.countries)]
    facets["country"] = [c for c in countries if c]
    places = _objects(page, adapter.places)
    facets["place"] = list(dict.fromkeys(code for p in places for code in p.lineage_codes))
    themes = _objects(page, adapter.themes)
    theme_names = [n for n in (_name(t) for t in themes) if n]
    # Slugs, as the knowledge index page's own filters use them; names come back as labels.
    facets["theme"] = [getattr(t, "slug", "") or slugify(_name(t)) for t in themes if _name(t)]
    facets["sdg"] = [
        str(getattr(s, "number", s))
        for s in _objects(page, adapter.sdgs)
        if getattr(s, "number", s)
    ]
    # A partner or lab that is not live, or is private, lends no name (nor a key below).
    facets["organisation"] = [
        n for n in (_name(o) for o in _objects(page, adapter.organisations) if is_visible(o)) if n
    ]
    if adapter.status:
        status = getattr(page, adapter.status, None)
        if status:
            facets["status"] = [str(getattr(status, "value", status))]
    for name, fields in adapter.keyed_facets:
        facets[name] = _keyed_values(page, fields, is_visible)
    for name, rule in adapter.computed_facets:
        facets[name] = [value[:200] for value in rule(page, is_visible) if value]
    year = _year(_first_value(page, adapter.year)) or _year(page.first_published_at)
    if year:
        facets["year"] = [str(year)]
    published_at = _aware(_first_value(page, adapter.date)) or page.first_published_at
    # Country, theme and organisation names are searchable words too ("citizens charter afghanistan").
    facet_words = [getattr(c, "name", "") for c in _objects(page, adapter.countries)]
    facet_words += theme_names + facets["organisation"]
    # "Punjab" finds what is tagged with its districts: each place's ancestors are words too.
    facet_words += [f"{p.name} {p.ancestor_names}" for p in places]
    body_parts.append(" ".join(w for w in facet_words if w))
    return IndexDocument(
        page_id=page.pk,
        content_type=adapter.content_type,
        title=page.title,
        summary=summary,
        body=" ".join(p for p in body_parts if p),
        attachments=attachments,
        url=url,
        published_at=published_at,
        facets={k: v for k, v in facets.items() if v},
        language=language,
    )
