"""Reads the search app serves outside the search page: what is published about a place."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from wagtail.models import Page

from core.languages import one_per_translation
from core.models import Country, Place, Region

from . import service
from .models import SearchDocument


def place_by_path(path: str) -> Place:
    """The place at ``/places/<path>/`` ("pk/punjab/lahore"), with its country; else 404."""
    return get_object_or_404(Place.objects.select_related("country"), url_path=path.strip("/"))


def place_ancestors(place: Place) -> list[Place]:
    """The divisions above ``place``, first-level first (one query, from its stored lineage)."""
    above = Place.objects.filter(code__in=place.lineage_codes[:-1])
    return sorted(above, key=lambda ancestor: ancestor.depth)


def place_children_with_counts(place: Place) -> list[tuple[Place, int]]:
    """The divisions directly under ``place`` with how many public items each has (its own
    descendants included); one query for the children, one count from the search service."""
    results = service.facet_search(
        filters={"place": [place.code]}, per_page=1, facet_names=("place",)
    )
    counted = _place_counts(results)
    return [(child, counted.get(child.code, 0)) for child in place.children.order_by("name")]


def country_with_divisions(code: str) -> tuple[Country, list[tuple[Place, int]]]:
    """A network country and its first-level divisions, each with how many public items are
    about it or a place in it (404 for a country outside the network or unknown)."""
    country = get_object_or_404(Country, code=code.upper(), region=Region.SOUTH_ASIA)
    # Counted by place code over everything public: a document carries its places' ancestors.
    counted = _place_counts(service.facet_search(per_page=1, facet_names=("place",)))
    divisions = country.places.filter(depth=1).order_by("name")
    return country, [(division, counted.get(division.code, 0)) for division in divisions]


def place_documents(place: Place) -> QuerySet:
    """The public search documents of everything tagged with ``place`` or a division in it,
    one per translation, newest first, each with its page's language (``language``).

    Built from the search index, which only ever holds live pages without view restrictions
    (``search.documents``): drafts and private pages cannot appear. Page it: a page of results
    costs one query whatever the number of matches.
    """
    matched = Page.objects.filter(pk__in=service.matching_pages(filters={"place": [place.code]}))
    language = Page.objects.filter(pk=OuterRef("page_id")).values("locale__language_code")
    return (
        SearchDocument.objects.filter(page_id__in=one_per_translation(matched).values("pk"))
        .annotate(language=Subquery(language[:1]))
        .only("page_id", "content_type", "title", "summary", "url", "published_at")
        .order_by("-published_at", "-page_id")
    )


def _place_counts(results) -> dict[str, int]:
    return {
        option.value: option.count
        for facet in results.facets
        if facet.name == "place"
        for option in facet.options
    }
