"""A port through which lower apps use site search without importing the search app.

The search app registers its providers from ``SearchConfig.ready()``. The knowledge, labs and
challenges index pages call ``facet_search(content_types=[...], filters=..., per_page=1)`` for
facet counts and the total (``results.facets``, ``results.total``), so facet logic exists only
in the search service, and ``matching_pages(content_types=[...], filters=...)`` for the matches
as a query of page ids, which they order and page in the one database query that reads a page
of results: no page of the site asks for every match. A bulk writer wraps its transaction in
``page_index_writes_deferred()`` to have the pages it publishes indexed together at the end.
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

_provider: Callable[..., Any] | None = None
_matching_provider: Callable[..., Any] | None = None


def register_search_provider(
    provider: Callable[..., Any], *, matching: Callable[..., Any] | None = None
) -> None:
    global _provider, _matching_provider
    _provider = provider
    _matching_provider = matching


def facet_search(
    *,
    content_types: tuple[str, ...] | list[str] = (),
    text: str = "",
    filters: dict[str, list[str]] | None = None,
    sort: str = "newest",
    page: int = 1,
    per_page: int = 20,
    with_facets: bool = True,
    page_ids=None,
    facet_names: tuple[str, ...] | None = None,
):
    """Search results with facets; content types: lab, challenge, case_study, finding, partner,
    event, page. Facet names: content_type, language (locale code), country, theme, sdg, year,
    organisation, status, stage, level, partner (slugs), province, agency, university, lab_open.
    A selected facet's own options are counted without its own filter (OR within a facet, AND
    across). ``page_ids`` restricts to those pages (for rules the caller evaluates at query time,
    such as a challenge's status today): ids, or better a query of ids, which the embedded
    engine keeps a subquery. ``facet_names`` limits which facets are counted (default: all)."""
    if _provider is None:
        raise RuntimeError("No search provider registered (is the search app installed?)")
    options = {} if facet_names is None else {"facet_names": tuple(facet_names)}
    return _provider(
        content_types=tuple(content_types), text=text, filters=filters or {}, sort=sort,
        page=page, per_page=per_page, with_facets=with_facets, page_ids=page_ids, **options,
    )  # fmt: skip


def matching_pages(
    *,
    content_types: tuple[str, ...] | list[str] = (),
    filters: dict[str, list[str]] | None = None,
    page_ids=None,
):
    """The searchable pages of ``content_types`` passing ``filters`` (same names and rules as
    ``facet_search``), as a query of page ids for ``pk__in``: the caller orders and pages them
    in the database, so the work per page does not grow with the number of matches."""
    if _matching_provider is None:
        raise RuntimeError("No search provider registered (is the search app installed?)")
    return _matching_provider(
        content_types=tuple(content_types), filters=filters or {}, page_ids=page_ids
    )


# --- deferred index writes ----------------------------------------------------------------------

_deferred = threading.local()
_deferred_pages_writer: Callable[[list[int]], None] | None = None


def register_deferred_pages_writer(writer: Callable[[list[int]], None]) -> None:
    """The search app's bulk writer: index (or drop) these pages from what the database holds."""
    global _deferred_pages_writer
    _deferred_pages_writer = writer


@contextmanager
def page_index_writes_deferred() -> Iterator[None]:
    """Index the pages published or unpublished inside this block together, when it ends.

    Publishing a page indexes it at once: a document built and written per page. A bulk
    import publishing thousands of pages in one transaction instead has the search app only
    note each page here and, when the block ends without an error, build and write all their
    documents in batches. Use it inside the transaction that publishes the pages, so the
    index changes commit or roll back with them. A nested block writes at the outer one's end.
    """
    if getattr(_deferred, "page_ids", None) is not None:
        yield
        return
    _deferred.page_ids = {}
    try:
        yield
        page_ids = list(_deferred.page_ids)
    finally:
        _deferred.page_ids = None
    if page_ids and _deferred_pages_writer is not None:
        _deferred_pages_writer(page_ids)


def page_index_write_deferred(page_id: int) -> bool:
    """Whether a ``page_index_writes_deferred`` block took this page's index write for later."""
    page_ids = getattr(_deferred, "page_ids", None)
    if page_ids is None:
        return False
    page_ids[page_id] = None
    return True
