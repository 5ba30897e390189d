"""A port through which lower apps use site search without importing the search app.

The search app registers its provider from ``SearchConfig.ready()``; the knowledge, labs and
challenges index pages call ``facet_search(content_types=[...], filters=..., text=...)`` to get
results plus facet counts (``results.hits``, ``results.total``, ``results.facets``), so facet
logic exists only in the search service.
"""

from collections.abc import Callable
from typing import Any

_provider: Callable[..., Any] | None = None


def register_search_provider(provider: Callable[..., Any]) -> None:
    global _provider
    _provider = provider


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
):
    """Search results with facets; content types: lab, challenge, case_study, finding, partner,
    event, page. Facet names: content_type, language (locale code), country, theme, sdg, year,
    organisation, status, stage, level, partner (slugs), province, agency, university, lab_open.
    A selected facet's own options are counted without its own filter (OR within a facet, AND
    across). ``page_ids`` restricts to those pages (for rules the caller evaluates at query time,
    such as a challenge's status today)."""
    if _provider is None:
        raise RuntimeError("No search provider registered (is the search app installed?)")
    return _provider(
        content_types=tuple(content_types), text=text, filters=filters or {}, sort=sort,
        page=page, per_page=per_page, with_facets=with_facets, page_ids=page_ids,
    )  # fmt: skip
