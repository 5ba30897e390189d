"""Facets: the filter options a listing offers with their counts, and the links that toggle them.

The search service counts them (``core.search_port.facet_search``); the knowledge base,
the challenges index and the search page show them through
``core/includes/facets.html``. Each option's ``url`` is the page's address with that option
added or removed (``toggle_url``), so the address keeps the whole state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import QueryDict


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    #: The language the label is written in (the Language facet names each language in its
    #: own script), for its ``lang`` and ``dir``; empty when it is interface text.
    language: str = ""
    #: The listing's address with this option added or removed (``toggle_url``).
    url: str = ""


@dataclass
class Facet:
    name: str
    title: str
    options: list[FacetOption] = field(default_factory=list)

    @property
    def has_selection(self) -> bool:
        return any(option.selected for option in self.options)


def toggled_query(query: QueryDict, name: str, value: str) -> QueryDict:
    """A copy of ``query`` with ``value`` added to or removed from ``name``, and without
    ``page``: a changed filter starts again at the first page of results."""
    params = query.copy()
    params.pop("page", None)
    values = params.getlist(name)
    params.setlist(name, [v for v in values if v != value] if value in values else [*values, value])
    return params


def toggle_url(query: QueryDict, name: str, value: str) -> str:
    """The relative address (``?…``) of the listing with ``name=value`` toggled."""
    return "?" + toggled_query(query, name, value).urlencode()
