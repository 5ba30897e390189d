"""Reads about the knowledge base. Only live, public pages are ever returned or counted."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

CASE_STUDY = "case-study"
FINDING = "finding"

# (filter key, label) in the order the facets are shown.
FACETS = [
    ("type", _("Content type")),
    ("country", _("Country")),
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

    return CaseStudyPage.objects.live().public()


def published_findings() -> QuerySet:
    from .models import FindingPage

    return FindingPage.objects.live().public()


def _kind_querysets() -> dict[str, QuerySet]:
    return {CASE_STUDY: published_case_studies(), FINDING: published_findings()}


# For each facet and kind: the lookup that the value is matched against (None: the kind
# has no such property, so any value of that facet excludes it).
_LOOKUPS = {
    "country": {CASE_STUDY: ["countries__code"], FINDING: ["countries__code"]},
    "theme": {CASE_STUDY: ["themes__slug"], FINDING: ["themes__slug"]},
    "sdg": {CASE_STUDY: ["sdgs__number"], FINDING: ["sdgs__number"]},
    "stage": {CASE_STUDY: ["stage__slug"], FINDING: None},
    "level": {CASE_STUDY: ["government_level__slug"], FINDING: None},
    "year": {CASE_STUDY: ["year_launched"], FINDING: ["publication_date__year"]},
    "partner": {
        CASE_STUDY: ["implementing_partners__slug", "contributing_partners__slug"],
        FINDING: ["partners__slug"],
    },
}


def _apply_filters(queryset: QuerySet, kind: str, filters: dict, *, skip: str | None = None):
    for key, values in filters.items():
        if key == skip or not values or key not in FACET_KEYS:
            continue
        if key == "type":
            if kind not in values:
                return queryset.none()
            continue
        lookups = _LOOKUPS[key][kind]
        if lookups is None:
            return queryset.none()
        condition = Q()
        for lookup in lookups:
            condition |= Q(**{f"{lookup}__in": values})
        # A sub-select keeps each facet's join separate, so facets combine with AND.
        queryset = queryset.filter(pk__in=queryset.model.objects.filter(condition).values("pk"))
    return queryset


def _count_values(queryset: QuerySet, kind: str, key: str) -> Counter:
    counts: Counter = Counter()
    if key == "type":
        counts[kind] = queryset.count()
        return counts
    lookups = _LOOKUPS[key][kind]
    if lookups is None:
        return counts
    per_item: dict[str, set] = {}
    for lookup in lookups:
        rows = queryset.filter(**{f"{lookup}__isnull": False}).values_list(lookup, "pk")
        for value, pk in rows:
            per_item.setdefault(str(value), set()).add(pk)
    for value, pks in per_item.items():
        counts[value] = len(pks)
    return counts


def _option_labels(key: str, values: set[str]) -> dict[str, str]:
    from core.models import Country
    from network.models import (
        GovernmentLevel,
        InnovationStage,
        PartnerPage,
        SustainableDevelopmentGoal,
        Theme,
    )

    if key == "type":
        return {CASE_STUDY: str(_("Case studies")), FINDING: str(_("Findings and briefs"))}
    if key == "country":
        return dict(Country.objects.filter(code__in=values).values_list("code", "name"))
    if key == "theme":
        return dict(Theme.objects.filter(slug__in=values).values_list("slug", "name"))
    if key == "sdg":
        numbers = [int(v) for v in values if v.isdigit()]
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
    from network.models import GovernmentLevel, InnovationStage

    if key == "year":
        return sorted(labels, reverse=True)
    if key == "sdg":
        return sorted(labels, key=lambda v: int(v) if v.isdigit() else 99)
    if key in {"stage", "level"}:
        model = InnovationStage if key == "stage" else GovernmentLevel
        order = list(model.objects.values_list("slug", flat=True))
        return sorted(labels, key=lambda v: order.index(v) if v in order else 99)
    if key == "type":
        return [kind for kind in (CASE_STUDY, FINDING) if kind in labels]
    return sorted(labels, key=lambda v: labels[v].lower())


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    key: str
    label: str
    options: list[FacetOption] = field(default_factory=list)

    @property
    def has_selection(self) -> bool:
        return any(option.selected for option in self.options)


@dataclass
class KnowledgeResults:
    pages: QuerySet  # of wagtailcore.Page, ordered; call .specific() after slicing
    total: int
    facets: list[Facet]


_SHORT_NUMBER = re.compile(r"[0-9]{1,4}")


def clean_filters(raw: dict) -> dict[str, list[str]]:
    """Keep known facet keys with non-empty, de-duplicated string values."""
    cleaned = {}
    for key in FACET_KEYS:
        values = raw.get(key) or []
        if isinstance(values, str):
            values = [values]
        values = list(dict.fromkeys(str(v).strip() for v in values if str(v).strip()))
        if key in {"sdg", "year"}:
            # ASCII digits only and short: "²".isdigit() is True and a 30-digit number
            # overflows the database integer, both of which would otherwise answer 500.
            values = [v for v in values if _SHORT_NUMBER.fullmatch(v)]
        if values:
            cleaned[key] = values[:20]
    return cleaned


def knowledge_browse(filters: dict, *, sort: str = DEFAULT_SORT) -> KnowledgeResults:
    """Filter published knowledge by ``filters`` and count every facet option.

    Within a facet, values combine with OR; facets combine with AND. Each facet's counts
    apply every *other* facet's filter, so a count says how many results that option gives
    if it is added. This is the one function to swap when facets move to the search service.
    """
    filters = clean_filters(filters)
    querysets = _kind_querysets()

    matched_ids: list[int] = []
    for kind, queryset in querysets.items():
        matched_ids += list(_apply_filters(queryset, kind, filters).values_list("pk", flat=True))

    facets = []
    for key, label in FACETS:
        counts: Counter = Counter()
        for kind, queryset in querysets.items():
            counts.update(
                _count_values(_apply_filters(queryset, kind, filters, skip=key), kind, key)
            )
        selected = set(filters.get(key, []))
        values = {value for value, count in counts.items() if count} | selected
        labels = _option_labels(key, values)
        labels = {value: label for value, label in labels.items() if value in values}
        options = [
            FacetOption(value, labels[value], counts.get(value, 0), value in selected)
            for value in _option_order(key, labels)
        ]
        facets.append(Facet(key, str(label), options))

    order = SORTS.get(sort, SORTS[DEFAULT_SORT])[1]
    pages = (
        Page.objects.filter(pk__in=matched_ids)
        .annotate(
            sort_date=Coalesce("casestudypage__publication_date", "findingpage__publication_date")
        )
        .order_by(*order)
    )
    return KnowledgeResults(pages=pages, total=len(matched_ids), facets=facets)


def latest_knowledge(*, limit: int = 4) -> list:
    """Newest published case studies and findings, for the home page."""
    return list(knowledge_browse({}).pages[:limit].specific())


def related_knowledge(page, *, limit: int = 3) -> list:
    """Other published items sharing a theme or a country with ``page``."""
    theme_slugs = list(page.themes.values_list("slug", flat=True))
    country_codes = list(page.countries.values_list("code", flat=True))
    if not theme_slugs and not country_codes:
        return []
    ids: list[int] = []
    for queryset in _kind_querysets().values():
        related = queryset.filter(
            Q(themes__slug__in=theme_slugs) | Q(countries__code__in=country_codes)
        ).exclude(pk=page.pk)
        ids += list(related.values_list("pk", flat=True).distinct()[: limit * 4])
    pages = Page.objects.filter(pk__in=ids).order_by("-first_published_at").specific()
    return list(pages[:limit])


def knowledge_for_feed(*, theme=None, country=None, limit: int = 30) -> list:
    """Newest published knowledge, optionally for one theme or country, for RSS/Atom."""
    filters = {}
    if theme is not None:
        filters["theme"] = [theme.slug]
    if country is not None:
        filters["country"] = [country.code]
    return list(knowledge_browse(filters).pages[:limit].specific())


def submissions_by(user) -> QuerySet:
    """Case studies a person submitted through the site, newest first (their own only)."""
    from .models import CaseStudyPage

    return CaseStudyPage.objects.filter(submitted_by=user).order_by("-latest_revision_created_at")
