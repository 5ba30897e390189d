"""Reads the search app serves outside the search page: what is published about a place."""

from __future__ import annotations

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from wagtail.models import Page

from core.languages import one_per_translation
from core.models import Country, Place, Region

from . import service
from .models import SearchDocument, SearchFacetValue


def place_by_path(path: str) -> Place:
    """The place at ``/places/<path>/`` ("pk/punjab/lahore"), with its country; else 404."""
    return get_object_or_404(Place.objects.select_related("country"), url_path=path.strip("/"))


def place_ancestors(place: Place) -> list[Place]:
    """The divisions above ``place``, first-level first (one query, from its stored lineage)."""
    above = Place.objects.filter(code__in=place.lineage_codes[:-1])
    return sorted(above, key=lambda ancestor: ancestor.depth)


def place_children_with_counts(place: Place) -> list[tuple[Place, int]]:
    """The divisions directly under ``place`` with how many public items each has (its own
    descendants included); one query for the children, one for their counts."""
    children = list(place.children.order_by("name"))
    counted = _place_counts([child.code for child in children])
    return [(child, counted.get(child.code, 0)) for child in children]


def country_with_divisions(code: str) -> tuple[Country, list[tuple[Place, int]]]:
    """A network country and its first-level divisions, each with how many public items are
    about it or a place in it (404 for a country outside the network or unknown)."""
    country = get_object_or_404(Country, code=code.upper(), region=Region.SOUTH_ASIA)
    divisions = list(country.places.filter(depth=1).order_by("name"))
    counted = _place_counts([division.code for division in divisions])
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


def _place_counts(codes: list[str]) -> dict[str, int]:
    """How many public items are about each place of ``codes`` or a place in it (a document
    carries its places' ancestors), counted as ``place_documents`` lists them: one per
    translation. One query."""
    indexed = Page.objects.filter(pk__in=SearchDocument.objects.values("page_id"))
    rows = (
        SearchFacetValue.objects.filter(
            facet="place",
            value__in=codes,
            document_id__in=one_per_translation(indexed).values("pk"),
        )
        .values("value")
        .annotate(n=Count("document_id", distinct=True))
    )
    return {row["value"]: row["n"] for row in rows}
