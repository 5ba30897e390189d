"""What the knowledge pages and panels show: one builder per page type, called from its model.

Page models call these from ``get_context``; views and the dashboard use them too. Nothing
here writes: reads come from ``selectors``.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from core.addresses import page_full_url
from core.facets import toggled_query
from core.languages import page_own_url
from core.metadata import json_ld_script_body
from core.moderation import moderation_status

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
    """Facets, results and the links that add or remove each filter (URL keeps the state)."""
    raw = {key: request.GET.getlist(key) for key in selectors.FACET_KEYS}
    filters = selectors.clean_filters(raw)
    sort = request.GET.get("sort", selectors.DEFAULT_SORT)
    if sort not in selectors.SORTS:
        sort = selectors.DEFAULT_SORT
    results = selectors.knowledge_browse(filters, sort=sort)
    paginator = Paginator(results.pages, PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    items = selectors.knowledge_cards(page_obj.object_list)
    if "language" in filters:
        # The reader chose these languages: a card leads to the version it shows, not to the
        # translation in the interface's language (where a card otherwise leads).
        for item in items:
            item.card_url = page_own_url(item, request)

    chosen = QueryDict(mutable=True)
    for key, values in filters.items():
        chosen.setlist(key, values)
    active = []
    for facet in results.facets:
        for option in facet.options:
            option.url = _query_string(
                toggled_query(chosen, facet.name, option.value, option.replaces), sort
            )
            if option.selected:
                active.append(
                    {
                        "facet": facet.title,
                        "label": option.label,
                        "language": option.language,
                        "url": option.url,
                    }
                )
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
        "facets": results.facets,
        "results_total": results.total,
        "results_page": page_obj,
        "items": items,
        "filters": filters,
        "active_filters": active,
        "sort": sort,
        "sorts": [(key, label) for key, (label, _order) in selectors.SORTS.items()],
        "clear_url": _query_string(QueryDict(), sort),
        "filter_params": [(key, value) for key, values in filters.items() for value in values],
        "can_submit": can_submit_case_study(request.user),
    }


def knowledge_item_page(request, page) -> dict:
    """A case study or finding: its citation, reuse attribution, metadata and related items."""
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
