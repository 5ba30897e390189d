"""Facets of a search: query-time facets as page restrictions and counts, and labelled options.

Query-time facets (a challenge's status) are never filtered or counted from the stored documents:
a filter becomes a page-id restriction (``engine_request``) and counts come from the current
values of the matched pages, the same for every engine. ``facets_labelled`` turns an engine's counts into the
``core.facets.Facet`` list the shared facets include shows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from challenges.models import ChallengeStatus
from core.facets import Facet, FacetOption, place_options
from core.languages import LANGUAGE_CODES, language_name_local
from core.page_cache import cached_until_content_changes

from .adapters import content_type_labels, query_time_facets
from .engines.base import SEARCH_PAGE_FACETS, SearchRequest

# Lazy: each is translated in the language of the page that shows it.
FACET_TITLES = {
    "content_type": _("Type"),
    "language": _("Language"),
    "country": _("Country"),
    "theme": _("Theme"),
    "sdg": _("Sustainable Development Goal"),
    "year": _("Year"),
    "organisation": _("Partner or lab"),
    "status": _("Challenge status"),
    "stage": _("Stage"),
    "level": _("Level of government"),
    "partner": _("Partner"),
    "province": _("Province or state"),
    "agency": _("Agency"),
    "university": _("University"),
    "lab_open": _("Open for members"),
    "place": _("Province, division or district"),
}


def engine_request(request: SearchRequest) -> SearchRequest:
    """``request`` as the engines take it: each query-time facet filter becomes a restriction to
    the pages whose current value is selected (which excludes every other content type, as a
    filter on that facet means)."""
    declared = query_time_facets()
    selected = {name: values for name, values in request.filters.items() if name in declared}
    if not selected:
        return request
    page_ids = None if request.page_ids is None else set(request.page_ids)
    for name, values in selected.items():
        wanted = set(values)
        admitted = set()
        for _content_type, facet in declared[name]:
            admitted.update(pk for pk, value in facet.current_values().items() if value in wanted)
        page_ids = admitted if page_ids is None else page_ids & admitted
    return replace(
        request,
        filters={k: v for k, v in request.filters.items() if k not in selected},
        page_ids=tuple(sorted(page_ids)),
    )


def query_time_facets_count(
    engine, request: SearchRequest, parsed, counts: dict, *, facet_names, own_facet_counts: bool
) -> None:
    """Replace the stored counts of each query-time facet by counts of the current values of
    the matched pages of its type (without its own filter when ``own_facet_counts``)."""
    for name, declarers in query_time_facets().items():
        if name not in facet_names:
            counts.pop(name, None)
            continue
        base = request
        if own_facet_counts and name in request.filters:
            base = replace(request, filters={k: v for k, v in request.filters.items() if k != name})
        known_totals = None
        if base is request and "content_type" not in request.filters:
            # The main query already counted the matched documents of each type.
            known_totals = dict(counts.get("content_type", []))
        totals: dict[str, int] = {}
        for content_type, facet in declarers:
            if request.content_types and content_type not in request.content_types:
                continue
            typed = engine_request(replace(base, content_types=(content_type,)))
            typed = replace(typed, page=1, per_page=1, with_facets=False)
            if known_totals is not None:
                matched = known_totals.get(content_type, 0)
            else:
                matched = engine.search(typed, parsed).total
            if not matched:
                continue
            found = _counts_from_ids(engine, typed, parsed, facet)
            for value, n in found.items():
                totals[value] = totals.get(value, 0) + n
        counts[name] = sorted(
            ((value, n) for value, n in totals.items() if n), key=lambda item: (-item[1], item[0])
        )


def _counts_from_ids(engine, request: SearchRequest, parsed, facet) -> Counter[str]:
    """The current values of the matched pages, counted: one engine query for the matched ids
    (ids only: no ranking, no snippets), however many pages match."""
    current = facet.current_values()
    return Counter(current[pk] for pk in engine.matched_page_ids(request, parsed) if pk in current)


def selected_facets_recount(
    engine, request: SearchRequest, parsed, counts: dict, *, only: tuple[str, ...] | None = None
) -> None:
    """Count each selected facet (of ``only``, else every one) without its own filter."""
    declared = query_time_facets()
    for name in request.filters:
        if only is not None and name not in only:
            continue
        if name in declared:
            continue  # counted by query_time_facets_count
        others = {k: v for k, v in request.filters.items() if k != name}
        recount = SearchRequest(
            text=request.text, filters=others, sort=request.sort, per_page=1,
            content_types=request.content_types, page_ids=request.page_ids,
        )  # fmt: skip
        counts[name] = engine.search(engine_request(recount), parsed).facet_counts.get(name, [])


def facets_labelled(counts: dict, request: SearchRequest, names=SEARCH_PAGE_FACETS) -> list[Facet]:
    # The names of every country, theme and goal: the same for every search until an edit.
    labels = cached_until_content_changes("search-facet-labels", _facet_labels)
    facets = []
    for name in names:
        selected = set(request.filters.get(name, []))
        if name == "place":
            # A tree one opens by choosing, as on the knowledge and challenges indexes.
            options = place_options(dict(counts.get(name, [])), selected)
            if options:
                facets.append(Facet(name=name, title=str(FACET_TITLES[name]), options=options))
            continue
        options = [
            FacetOption(
                value=value,
                label=labels.get(name, {}).get(value, value),
                count=count,
                selected=value in selected,
            )
            for value, count in counts.get(name, [])
        ]
        # A selected value the current results no longer contain stays visible to be unticked.
        present = {o.value for o in options}
        options += [
            FacetOption(value=v, label=labels.get(name, {}).get(v, v), count=0, selected=True)
            for v in request.filters.get(name, []) if v not in present
        ]  # fmt: skip
        if name == "year":
            options.sort(key=lambda o: o.value, reverse=True)
        if name == "language":
            # In the switcher's order, so a reader finds theirs in the same place.
            for option in options:
                option.language = option.value
            options.sort(key=lambda o: _language_position(o.value))
        if options:
            facets.append(Facet(name=name, title=str(FACET_TITLES[name]), options=options))
    return facets


def _language_position(code: str) -> int:
    return LANGUAGE_CODES.index(code) if code in LANGUAGE_CODES else len(LANGUAGE_CODES)


def _facet_labels() -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = {"content_type": content_type_labels()}
    labels["language"] = {code: language_name_local(code) for code in LANGUAGE_CODES}
    labels["country"] = dict(apps.get_model("core", "Country").objects.values_list("code", "name"))
    theme_labels = {}
    for app_label, model_name in (("taggit", "Tag"), ("network", "Theme")):
        model = apps.get_model(app_label, model_name)
        theme_labels.update(dict(model.objects.values_list("slug", "name")))
    labels["theme"] = theme_labels
    goal = apps.get_model("network", "SustainableDevelopmentGoal")
    labels["sdg"] = {
        str(n): f"SDG {n}: {name}" for n, name in goal.objects.values_list("number", "short_name")
    }
    labels["status"] = {str(value): str(label) for value, label in ChallengeStatus.choices}
    return labels
