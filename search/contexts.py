"""What the place pages show (views stay thin; reads come from ``selectors``)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.translation import gettext as _

from network.map import country_division_map

from .adapters import content_type_labels
from .selectors import (
    country_with_divisions,
    place_ancestors,
    place_by_path,
    place_children_with_counts,
    place_documents,
)

PLACE_PAGE_SIZE = 20


def place_page(request, path: str) -> dict:
    """A division: breadcrumbs up its hierarchy, its sub-divisions with their counts, and
    everything public about it or any division in it, a page at a time."""
    place = place_by_path(path)
    ancestors = place_ancestors(place)
    paginator = Paginator(place_documents(place), PLACE_PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    labels = content_type_labels()
    items = [(document, labels.get(document.content_type, "")) for document in page_obj]
    trail = [(_("Places"), ""), (place.country.name, "")]
    trail += [(ancestor.name, ancestor.get_absolute_url()) for ancestor in ancestors]
    trail.append((place.name, ""))
    return {
        "place": place,
        "ancestors": ancestors,
        "children": place_children_with_counts(place),
        "items": items,
        "page_obj": page_obj,
        "breadcrumb_trail": trail,
    }


def place_country_page(request, code: str) -> dict:
    """The map's drill-down: a country's outline with a marker per first-level division, and
    the same divisions as a list, each with its count."""
    country, divisions = country_with_divisions(code)
    return {
        "country": country,
        "divisions": divisions,
        "division_map": country_division_map(country=country, divisions=divisions),
        "breadcrumb_trail": [(_("Places"), ""), (country.name, "")],
    }
