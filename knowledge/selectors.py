"""Reads about the knowledge base.

What readers browse, count and are fed (browse, home, feeds, related items) is only live,
public pages; ``submissions_by`` is the exception: a submitter's own case studies, drafts
included, for their submissions list and dashboard.

This app's page models build their context through ``contexts``, which reads here: so this
module imports them inside its functions, when a page is served, not when it is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core.facets import Facet, FacetOption, place_options
from core.languages import (
    LANGUAGE_CODES,
    language_name_local,
    one_per_translation,
    published_translations_prefetch,
)
from core.models import Country, Place
from core.page_cache import cached_until_content_changes
from core.params import parse_int
from core.search_port import facet_search, matching_pages
from network.models import (
    GovernmentLevel,
    InnovationStage,
    PartnerPage,
    SustainableDevelopmentGoal,
    Theme,
)

CASE_STUDY = "case-study"
FINDING = "finding"

# (filter key, label) in the order the facets are shown.
FACETS = [
    ("type", _("Content type")),
    ("language", _("Language")),
    ("country", _("Country")),
    ("place", _("Province, division or district")),
    ("theme", _("Theme")),
    ("sdg", _("Sustainable Development Goal")),
    ("stage", _("Stage")),
    ("level", _("Level of government")),
    ("year", _("Year launched or published")),
    ("partner", _("Partner")),
]
FACET_KEYS = [key for key, _label in FACETS]

SORTS = {
    "newest": (_("Newest first"), ["-sort_date", "-pk"]),
    "oldest": (_("Oldest first"), ["sort_date", "pk"]),
    "title": (_("Title A–Z"), ["title", "pk"]),
}
DEFAULT_SORT = "newest"


def published_case_studies() -> QuerySet:
    from .models import CaseStudyPage

    return one_per_translation(CaseStudyPage.objects.live().public())


def published_findings() -> QuerySet:
    from .models import FindingPage

    return one_per_translation(FindingPage.objects.live().public())


def _kind_querysets() -> dict[str, QuerySet]:
    return {CASE_STUDY: published_case_studies(), FINDING: published_findings()}


def _option_labels(key: str, values: set[str]) -> dict[str, str]:
    if key == "type":
        return {CASE_STUDY: str(_("Case studies")), FINDING: str(_("Findings and briefs"))}
    if key == "language":
        # Each language in its own script, as the language switcher names it.
        return {code: language_name_local(code) for code in values if code in LANGUAGE_CODES}
    if key == "country":
        return dict(Country.objects.filter(code__in=values).values_list("code", "name"))
    if key == "place":
        return dict(Place.objects.filter(code__in=values).values_list("code", "name"))
    if key == "theme":
        return dict(Theme.objects.filter(slug__in=values).values_list("slug", "name"))
    if key == "sdg":
        numbers = [n for n in (parse_int(v) for v in values) if n is not None]
        return {
            str(goal.number): str(goal)
            for goal in SustainableDevelopmentGoal.objects.filter(number__in=numbers)
        }
    if key == "stage":
        return dict(InnovationStage.objects.filter(slug__in=values).values_list("slug", "name"))
    if key == "level":
        return dict(GovernmentLevel.objects.filter(slug__in=values).values_list("slug", "name"))
    if key == "partner":
        # Only published partners become options: a draft partner's name must not leak.
        partners = PartnerPage.objects.live().public().filter(slug__in=values)
        return dict(partners.values_list("slug", "title"))
    return {value: value for value in values}


def _option_order(key: str, labels: dict[str, str]) -> list[str]:
    if key == "year":
        return sorted(labels, reverse=True)
    if key == "sdg":
        return sorted(labels, key=lambda v: parse_int(v) or 99)
    if key in {"stage", "level"}:
        model = InnovationStage if key == "stage" else GovernmentLevel
        order = list(model.objects.values_list("slug", flat=True))
        return sorted(labels, key=lambda v: order.index(v) if v in order else 99)
    if key == "type":
        return [kind for kind in (CASE_STUDY, FINDING) if kind in labels]
    if key == "language":
        return [code for code in LANGUAGE_CODES if code in labels]
    return sorted(labels, key=lambda v: labels[v].lower())


@dataclass
class KnowledgeResults:
    pages: QuerySet  # of wagtailcore.Page, ordered; call .specific() after slicing
    total: int
    facets: list[Facet]
    filters: dict[str, list[str]]  # what was asked for, cleaned (see ``clean_filters``)


def clean_filters(raw: dict) -> dict[str, list[str]]:
    """Keep known facet keys with non-empty, de-duplicated values that the facet knows.

    A value no published option has (a mistyped theme, ``<x>``, ``a/b``) is dropped, so it
    neither empties the results nor reaches a URL built from it (the filtered feed links).
    """
    cleaned = {}
    for key in FACET_KEYS:
        values = raw.get(key) or []
        if isinstance(values, str):
            values = [values]
        values = list(dict.fromkeys(str(v).strip() for v in values if str(v).strip()))
        if key in {"sdg", "year"}:
            values = [v for v in values if parse_int(v, maximum=9999) is not None]
        values = values[:20]
        if values:
            known = _option_labels(key, set(values))
            values = [value for value in values if value in known]
        if values:
            cleaned[key] = values
    return cleaned


# Knowledge filter keys → the search service's facet names and content types.
_SERVICE_FACETS = {
    "type": "content_type",
    "language": "language",
    "country": "country",
    "place": "place",
    "theme": "theme",
    "sdg": "sdg",
    "stage": "stage",
    "level": "level",
    "year": "year",
    "partner": "partner",
}
_SERVICE_TYPES = {CASE_STUDY: "case_study", FINDING: "finding"}
_KIND_OF_TYPE = {service: kind for kind, service in _SERVICE_TYPES.items()}


def _service_query(filters: dict) -> dict:
    service_filters = {_SERVICE_FACETS[key]: values for key, values in filters.items()}
    if "type" in filters:
        service_filters["content_type"] = [
            _SERVICE_TYPES.get(value, value) for value in filters["type"]
        ]
    return {"content_types": list(_SERVICE_TYPES.values()), "filters": service_filters}


def _matched_pages(filters: dict, sort: str) -> QuerySet:
    """The published knowledge passing the (cleaned) ``filters``, in ``sort`` order: the search
    service's matches as a subquery, so ordering and paging are one database query whatever
    the number of matches."""
    matched = Page.objects.filter(pk__in=matching_pages(**_service_query(filters)))
    if "language" not in filters:
        # A case study in English and Bengali is one result: the reader's version, else the
        # original. A reader who picks languages gets every version in them, so the Language
        # counts add up to the list (one language: one version per translation anyway).
        matched = one_per_translation(matched)
    order = SORTS.get(sort, SORTS[DEFAULT_SORT])[1]
    return matched.annotate(
        sort_date=Coalesce("casestudypage__publication_date", "findingpage__publication_date")
    ).order_by(*order)


def _knowledge_models() -> tuple:
    from .models import CaseStudyPage, FindingPage

    return (CaseStudyPage, FindingPage)


def knowledge_cards(pages) -> list:
    """``pages`` (base pages, such as a slice of ``knowledge_browse(...).pages``) as what every
    card and feed item shows, in four queries whatever the mix of types and languages: the
    pages with their locale and each type's ``card_fields``, their countries, their themes,
    and the translations a card's link to the reader's language needs.

    Each card is its specific page built from that one row (Wagtail's deferred ``specific``),
    so its address, summary and year are the page's own, but a field outside ``card_fields``
    would cost a query per card: cards show nothing else. Reading the specific pages and
    their taxonomies type by type cost three queries more for each type among the cards.
    """
    models = _knowledge_models()
    sources: dict[str, list[str]] = {}
    for model in models:
        for name in model.card_fields:
            sources.setdefault(name, []).append(f"{model._meta.model_name}__{name}")
    # Named as the fields, so the specific page takes them as its own values.
    columns = {
        name: Coalesce(*paths) if len(paths) > 1 else F(paths[0]) for name, paths in sources.items()
    }
    cards = [
        row.get_specific(deferred=True)
        for row in pages.select_related("locale").annotate(**columns)
    ]
    for relation in ("countries", "themes"):
        _names_prefetch(cards, relation, models)
    published_translations_prefetch(cards)
    return cards


def _names_prefetch(cards: list, relation: str, models: tuple) -> None:
    """Fill in every card's ``relation`` (countries or themes) in one query for all types."""
    if not cards:
        return
    ids = [card.pk for card in cards]
    target = models[0]._meta.get_field(relation).related_model  # Country or Theme for all
    parts = []
    for model in models:
        reverse = model._meta.get_field(relation).related_query_name()
        parts.append(
            target.objects.filter(**{f"{reverse}__in": ids})
            .annotate(card_page=F(reverse))
            .order_by()
        )
    by_page: dict[int, list] = {card.pk: [] for card in cards}
    for item in parts[0].union(*parts[1:], all=True).order_by(*target._meta.ordering):
        by_page[item.card_page].append(item)
    for card in cards:
        # In memory only (modelcluster's relation state, as in a preview): never saved.
        setattr(card, relation, by_page[card.pk])


def _knowledge_facets(filters: dict) -> list[Facet]:
    """Every facet's options with their counts for ``filters`` (cleaned), from the service."""
    counted = facet_search(**_service_query(filters), per_page=1)

    counts_by_name = {
        facet.name: {option.value: option.count for option in facet.options}
        for facet in counted.facets
    }
    facets = []
    for key, label in FACETS:
        counts = counts_by_name.get(_SERVICE_FACETS[key], {})
        if key == "type":
            counts = {_KIND_OF_TYPE.get(value, value): count for value, count in counts.items()}
        selected = set(filters.get(key, []))
        if key == "place":
            facets.append(Facet(key, str(label), place_options(counts, selected)))
            continue
        values = {value for value, count in counts.items() if count} | selected
        labels = _option_labels(key, values)
        labels = {value: label for value, label in labels.items() if value in values}
        options = [
            FacetOption(
                value,
                labels[value],
                counts.get(value, 0),
                value in selected,
                language=value if key == "language" else "",
            )
            for value in _option_order(key, labels)
        ]
        facets.append(Facet(key, str(label), options))

    return facets


def knowledge_browse(filters: dict, *, sort: str = DEFAULT_SORT) -> KnowledgeResults:
    """Filter published knowledge by ``filters`` and count every facet option.

    Matching and counting come from the site search service (through ``core.search_port``,
    so facet logic exists once): within a facet, values combine with OR; facets combine with
    AND; each facet's counts apply every *other* facet's filter, so a count says how many
    results that option gives if it is added. Labels and option order stay here. The service
    is asked for the counts and for its matches as a subquery, never for every match's id.
    """
    filters = clean_filters(filters)
    # The counts, labels and number of results are the same for every reader of these filters:
    # computed once per change of the content, not per request.
    facets = cached_until_content_changes(
        f"knowledge-facets:{sorted(filters.items())!r}", lambda: _knowledge_facets(filters)
    )
    pages = _matched_pages(filters, sort)
    # Other language versions left out of the matches are not results either.
    total = cached_until_content_changes(
        f"knowledge-total:{sorted(filters.items())!r}", pages.count
    )
    return KnowledgeResults(pages=pages, total=total, facets=facets, filters=filters)


def latest_knowledge(*, limit: int = 4) -> list:
    """Newest published case studies and findings, for the home page."""
    return knowledge_cards(_matched_pages({}, DEFAULT_SORT)[:limit])


def related_knowledge(page, *, limit: int = 3) -> list:
    """Other published items sharing a theme or a country with ``page``: the same for every
    reader, so computed once per change of the content, not per request."""
    return cached_until_content_changes(
        f"related-knowledge:{page.pk}:{limit}", lambda: _related_knowledge(page, limit=limit)
    )


def _related_knowledge(page, *, limit: int) -> list:
    theme_slugs = list(page.themes.values_list("slug", flat=True))
    country_codes = list(page.countries.values_list("code", flat=True))
    if not theme_slugs and not country_codes:
        return []
    ids: list[int] = []
    for queryset in _kind_querysets().values():
        related = queryset.filter(
            Q(themes__slug__in=theme_slugs) | Q(countries__code__in=country_codes)
        ).exclude(translation_key=page.translation_key)
        ids += list(related.values_list("pk", flat=True).distinct()[: limit * 4])
    pages = one_per_translation(Page.objects.filter(pk__in=ids))
    # Read with what their cards show (kept with them in the cache), not one query per card.
    return knowledge_cards(pages.order_by("-first_published_at")[:limit])


def case_studies_of_partner(partner) -> QuerySet:
    """Published case studies a partner implemented or contributed to, newest first, with
    what their cards show (for the partner's page on the network)."""
    from .models import CaseStudyPage

    linked = CaseStudyPage.objects.filter(
        Q(implementing_partners=partner) | Q(contributing_partners=partner)
    )
    return (
        published_case_studies()
        .filter(pk__in=linked.values("pk"))
        .prefetch_related("countries")
        .defer(*CaseStudyPage.card_deferred_fields)
        .order_by("-publication_date", "-pk")
    )


def findings_of_partner(partner) -> QuerySet:
    """Published findings naming a partner, newest first, with what their cards show."""
    from .models import FindingPage

    return (
        FindingPage.objects.live()
        .public()
        .filter(partners=partner)
        .prefetch_related("countries")
        .defer(*FindingPage.card_deferred_fields)
        .order_by("-publication_date", "-pk")
    )


def knowledge_url_for_country(country) -> str:
    """The knowledge base filtered to what is published about ``country``."""
    from .models import KnowledgeIndexPage

    index = KnowledgeIndexPage.objects.live().first()
    base = index.url if index else "/knowledge/"
    return f"{base}?country={country.code}"


def knowledge_for_feed(*, theme=None, country=None, limit: int = 30) -> list:
    """Newest published knowledge, optionally for one theme or country, for RSS/Atom."""
    filters = {}
    if theme is not None:
        filters["theme"] = [theme.slug]
    if country is not None:
        filters["country"] = [country.code]
    return knowledge_cards(_matched_pages(filters, DEFAULT_SORT)[:limit])


def submissions_by(user) -> QuerySet:
    """Case studies a person submitted through the site, newest first (their own only)."""
    from .models import CaseStudyPage

    return CaseStudyPage.objects.filter(submitted_by=user).order_by("-latest_revision_created_at")
