"""Facets: the filter options a listing offers with their counts, and the links that toggle them.

The search service counts them (``core.search_port.facet_search``); the knowledge base,
the challenges index and the search page show them through
``core/includes/facets.html``. Each option's ``url`` is the page's address with that option
added or removed (``toggle_url``), so the address keeps the whole state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import QueryDict

from .models import Place
from .page_cache import content_stamp

#: The gazetteer as this process last read it, with the content stamp it was read under.
_gazetteer: tuple[tuple | None, dict[str, Place]] = (None, {})


def _places_by_code() -> dict[str, Place]:
    """Every place of the gazetteer by code, read once per process until the content changes
    (a few hundred rows that only ``load_places`` and the admin write), not once per facet."""
    global _gazetteer
    stamp = content_stamp()
    if _gazetteer[0] != stamp:
        _gazetteer = (stamp, {place.code: place for place in Place.objects.all()})
    return _gazetteer[1]


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
    #: Selected values this option takes the place of when chosen: in a hierarchy (places),
    #: choosing a district drops its province, so the choice narrows rather than ORs.
    replaces: tuple[str, ...] = ()
    #: Its level in a hierarchy (1 = top), for indenting; 0 in a flat facet.
    depth: int = 0


@dataclass
class Facet:
    name: str
    title: str
    options: list[FacetOption] = field(default_factory=list)

    @property
    def has_selection(self) -> bool:
        return any(option.selected for option in self.options)


def toggled_query(
    query: QueryDict, name: str, value: str, replaces: tuple[str, ...] = ()
) -> QueryDict:
    """A copy of ``query`` with ``value`` added to or removed from ``name`` (adding it removes
    the ``replaces`` values), and without ``page``: a changed filter starts again at the first
    page of results."""
    params = query.copy()
    params.pop("page", None)
    values = params.getlist(name)
    if value in values:
        params.setlist(name, [v for v in values if v != value])
    else:
        params.setlist(name, [*(v for v in values if v not in replaces), value])
    return params


def toggle_url(query: QueryDict, name: str, value: str, replaces: tuple[str, ...] = ()) -> str:
    """The relative address (``?…``) of the listing with ``name=value`` toggled."""
    return "?" + toggled_query(query, name, value, replaces).urlencode()


def known_place_codes(values) -> tuple[str, ...]:
    """The gazetteer codes among ``values`` (untrusted query values), in their order, without
    repeats: an unknown code (``PK-XX``, ``<script>``) is dropped rather than emptying the
    results or reaching a link built from it (one query, none when there is nothing to check)."""
    wanted = list(dict.fromkeys(str(v).strip() for v in values if len(str(v).strip()) <= 64))
    wanted = [v for v in wanted if v][:20]
    if not wanted:
        return ()
    known = set(Place.objects.filter(code__in=wanted).values_list("code", flat=True))
    return tuple(v for v in wanted if v in known)


def place_options(counts: dict[str, int], selected: set[str]) -> list[FacetOption]:
    """The options of a place facet, as a tree one opens by choosing (no query once the
    process has read the gazetteer).

    ``counts`` are the search service's counts by place code: a document carries its places
    and their ancestors, so a province's count includes its districts'. Shown: the first-level
    divisions that have results; for each chosen place, its ancestors (to widen again) and its
    children that have results (to narrow). Choosing a place drops any chosen ancestor or
    descendant of it, so "Punjab" → "Lahore" narrows instead of adding Lahore to Punjab.
    """
    codes = {code for code, count in counts.items() if count} | selected
    gazetteer = _places_by_code()
    places = {code: gazetteer[code] for code in codes if code in gazetteer}
    shown: set[str] = {code for code, place in places.items() if place.depth == 1}
    for code in selected & set(places):
        place = places[code]
        shown.update(place.lineage_codes)
        shown.update(other.code for other in places.values() if other.parent_path == place.path)
    options = []
    for code in shown & set(places):
        place = places[code]
        lineage = set(place.lineage_codes)
        related = tuple(
            other
            for other in selected
            if other != code
            and (other in lineage or code in places.get(other, place).lineage_codes)
        )
        options.append(
            FacetOption(
                code,
                place.name,
                counts.get(code, 0),
                code in selected,
                replaces=related,
                depth=place.depth,
            )
        )
    return sorted(options, key=lambda option: places[option.value].sort_key)
