"""The site search page and the autocomplete endpoint. Both stay thin: the service does the work."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.facets import toggle_url
from core.params import query_int

from . import contexts, service
from .engines.base import FACETS

#: How many options of each facet the page shows, in the order the facet lists them.
FACET_OPTIONS_SHOWN = 12


@require_GET
def search(request):
    query = request.GET.get("q", "")
    filters = {facet: request.GET.getlist(facet) for facet in FACETS if request.GET.getlist(facet)}
    search_request = service.normalise_request(
        text=query,
        filters=filters,
        sort=request.GET.get("sort", "relevance"),
        page=query_int(request.GET, "page", default=1, minimum=1, maximum=9999),
    )
    results = service.search(search_request) if query.strip() or filters else None
    if results is not None:
        service.hits_describe(results)
        for facet in results.facets:
            # Only the options the page shows get a link.
            del facet.options[FACET_OPTIONS_SHOWN:]
            for option in facet.options:
                option.url = toggle_url(request.GET, facet.name, str(option.value), option.replaces)
    base_params = [(k, v) for k in ("q", "sort", *FACETS) for v in request.GET.getlist(k)]
    context = {
        "query": query[:1000],
        "results": results,
        "sort": search_request.sort,
        "page_query": urlencode(base_params),
        "has_filters": bool(filters),
        "facet_options_shown": FACET_OPTIONS_SHOWN,
        "breadcrumb_trail": [(_("Search"), "")],
    }
    return render(request, "search/search.html", context)


@require_GET
def autocomplete(request):
    suggestions = service.autocomplete(request.GET.get("q", ""))
    response = JsonResponse({"results": suggestions})
    response["Cache-Control"] = "public, max-age=60"
    return response


@require_GET
def place(request, path: str):
    return render(request, "search/place.html", contexts.place_page(request, path))


@require_GET
def place_country(request, country: str):
    return render(
        request, "search/place_country.html", contexts.place_country_page(request, country)
    )
