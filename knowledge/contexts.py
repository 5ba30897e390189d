"""What the knowledge pages and panels show: one builder per page type, called from its model.

Page models call these from ``get_context``; views and the dashboard use them too. Nothing
here writes: reads come from ``selectors``.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from core.addresses import page_full_url
from core.facets import toggled_query
from core.languages import page_own_url
from core.metadata import json_ld_script_body
from core.moderation import moderation_status
from core.page_cache import cached_until_content_changes

from . import selectors
from .citations import to_plain
from .permissions import can_submit_case_study

PAGE_SIZE = 12


def _query_string(filters: QueryDict, sort: str) -> str:
    params = filters.copy()
    if sort != selectors.DEFAULT_SORT:
        params["sort"] = sort
    return "?" + params.urlencode()


def knowledge_index_page(request, page) -> dict:
    """Facets, results and the links that add or remove each filter (URL keeps the state).

    The filter links, the number of results and the page of cards are the same for every
    reader of the same filters, sort, page number and language: rendered once per change of the
    content (``cached_until_content_changes``) from public pages only, without the request, so
    nothing of the reader who rendered them first is in them. What depends on the reader (the
    submit link, the pagination's other query parameters) is rendered per request around them.
    """
    raw = {key: request.GET.getlist(key) for key in selectors.FACET_KEYS}
    sort = request.GET.get("sort", selectors.DEFAULT_SORT)
    if sort not in selectors.SORTS:
        sort = selectors.DEFAULT_SORT
    results = selectors.knowledge_browse(raw, sort=sort)
    filters = results.filters
    # The paginator only counts: the page's cards are read (when not cached) from its bounds.
    paginator = Paginator(range(results.total), PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    state = f"{sorted(filters.items())!r}:{sort}"
    cards = ""
    if results.total:
        cards = cached_until_content_changes(
            f"knowledge-cards:{state}:{page_obj.number}",
            lambda: _cards_html(
                results.pages[page_obj.start_index() - 1 : page_obj.end_index()],
                own_language_urls="language" in filters,
            ),
        )

    chosen = QueryDict(mutable=True)
    for key, values in filters.items():
        chosen.setlist(key, values)
    facet_links = cached_until_content_changes(
        f"knowledge-facet-links:{state}",
        lambda: _facet_links_html(results.facets, chosen, sort),
    )
    active = [
        {
            "facet": facet.title,
            "label": option.label,
            "language": option.language,
            "url": _query_string(
                toggled_query(chosen, facet.name, option.value, option.replaces), sort
            ),
        }
        for facet in results.facets
        for option in facet.options
        if option.selected
    ]
    feeds = []
    if list(filters) == ["theme"] and len(filters["theme"]) == 1:
        slug = filters["theme"][0]
        feeds = [
            ("RSS", reverse("knowledge:feed_theme_rss", args=[slug])),
            ("Atom", reverse("knowledge:feed_theme_atom", args=[slug])),
        ]
    elif list(filters) == ["country"] and len(filters["country"]) == 1:
        code = filters["country"][0]
        feeds = [
            ("RSS", reverse("knowledge:feed_country_rss", args=[code])),
            ("Atom", reverse("knowledge:feed_country_atom", args=[code])),
        ]
    return {
        "filtered_feeds": feeds,
        # Both rendered by render_to_string: safe strings, kept so through the cache's pickling.
        "facet_links": facet_links,
        "results_total": results.total,
        "results_page": page_obj,
        "cards": cards,
        "filters": filters,
        "active_filters": active,
        "sort": sort,
        "sorts": [(key, label) for key, (label, _order) in selectors.SORTS.items()],
        "clear_url": _query_string(QueryDict(), sort),
        "filter_params": [(key, value) for key, values in filters.items() for value in values],
        "can_submit": can_submit_case_study(request.user),
    }


def _cards_html(pages, *, own_language_urls: bool) -> str:
    """The cards of ``pages`` (a slice of the browse results), rendered without the request.

    A card leads to the page for the interface's language (the active one, part of the cache
    key), or, when the reader chose languages, to the version it shows. Without a request the
    addresses are relative on a one-site install and absolute with several sites: right for
    every reader either way.
    """
    items = selectors.knowledge_cards(pages)
    for item in items:
        item.card_url = page_own_url(item) if own_language_urls else item.get_url()
    return render_to_string("knowledge/includes/result_cards.html", {"items": items})


def _facet_links_html(facets, chosen: QueryDict, sort: str) -> str:
    """Every facet option as a link adding or removing it, keeping the sort."""
    for facet in facets:
        for option in facet.options:
            option.url = _query_string(
                toggled_query(chosen, facet.name, option.value, option.replaces), sort
            )
    return render_to_string("core/includes/facets.html", {"facets": facets, "fragment": "#results"})


def knowledge_item_page(request, page) -> dict:
    """A case study or finding: its citation, reuse attribution, metadata and related items."""
    if not getattr(request, "is_preview", False):
        # A preview's lists are the editor's unsaved choices, held on the instance: keep them.
        prefetch_related_objects([page], *page.detail_prefetch)
    full_url = page_full_url(page, request)
    return {
        "page_full_url": full_url,
        "plain_citation": to_plain(page, url=full_url),
        "attribution": page.attribution(full_url),
        "json_ld": json_ld_script_body(page.schema_org(full_url)),
        "related_items": selectors.related_knowledge(page),
    }


def dashboard_panel(request):
    """The partner's submissions on /dashboard/ (hidden for people who cannot submit)."""
    user = request.user
    if not user.is_authenticated:
        return None
    submissions = list(selectors.submissions_by(user)[:8])
    if not submissions and not can_submit_case_study(user):
        return None
    return {
        "title": _("Your case study submissions"),
        "template": "knowledge/dashboard_panel.html",
        "submissions": [(page, moderation_status(page)) for page in submissions],
        "can_submit": can_submit_case_study(user),
    }
