"""Reads about the network. Only live, public pages are returned or counted."""

from __future__ import annotations

import contextlib
from collections import defaultdict

from django.db.models import QuerySet
from django.utils import timezone

from core.languages import one_per_translation
from core.paging import page_of


def published_partners() -> QuerySet:
    from .models import PartnerPage

    return one_per_translation(
        PartnerPage.objects.live().public().select_related("country", "logo")
    )


def published_events() -> QuerySet:
    from .models import NetworkEventPage

    return one_per_translation(NetworkEventPage.objects.live().public().select_related("country"))


def upcoming_events(*, limit: int | None = None) -> QuerySet:
    events = published_events().filter(starts_at__gte=timezone.now() - timezone.timedelta(days=1))
    events = events.order_by("starts_at")
    return events[:limit] if limit else events


def past_events() -> QuerySet:
    return (
        published_events()
        .filter(starts_at__lt=timezone.now() - timezone.timedelta(days=1))
        .order_by("-starts_at")
    )


def _published_case_studies():
    # Knowledge sits above network: reach it through the app registry, not an import.
    from django.apps import apps

    model = apps.get_model("knowledge", "CaseStudyPage")
    return one_per_translation(model.objects.live().public())


def _published_labs():
    from django.apps import apps

    try:
        model = apps.get_model("labs", "LabPage")
    except LookupError:
        return None
    return one_per_translation(model.objects.live().public())


def country_activity() -> list[dict]:
    """Per South Asian country: partners and published case studies, for the map and lists."""
    from core.models import Country, Region

    partner_counts: dict[int, int] = defaultdict(int)
    for country_id in published_partners().values_list("country_id", flat=True):
        partner_counts[country_id] += 1
    case_counts: dict[int, int] = defaultdict(int)
    for country_id, _pk in (
        _published_case_studies().values_list("countries", "pk").distinct().order_by()
    ):
        if country_id:
            case_counts[country_id] += 1
    rows = []
    for country in Country.objects.filter(region=Region.SOUTH_ASIA).order_by("name"):
        rows.append(
            {
                "country": country,
                "partners": partner_counts.get(country.pk, 0),
                "case_studies": case_counts.get(country.pk, 0),
                "total": partner_counts.get(country.pk, 0) + case_counts.get(country.pk, 0),
            }
        )
    return rows


def partners_by_country() -> list[dict]:
    """Published partners grouped by country (countries in name order, partners by title)."""
    groups: dict = {}
    for partner in published_partners().order_by("country__name", "title"):
        groups.setdefault(partner.country, []).append(partner)
    return [{"country": country, "partners": partners} for country, partners in groups.items()]


def network_numbers() -> dict:
    """Headline counts for the home page: countries, partners, labs, case studies."""
    labs = _published_labs()
    countries = {row["country"].pk for row in country_activity() if row["partners"]}
    return {
        "countries": len(countries),
        "partners": published_partners().count(),
        "labs": labs.count() if labs is not None else 0,
        "case_studies": _published_case_studies().count(),
    }


#: How many of each kind of linked item a partner page shows at a time.
PARTNER_ITEMS_PER_PAGE = 12


def partner_related_content(partner, *, params) -> dict:
    """Published case studies, findings, labs and events linked to one partner, a page of each.

    Each list pages on its own query parameter (``cases``, ``findings``, ``labs``, ``events``),
    and the countries of knowledge cards come in one query per list, not two per card: the
    page costs the same however many items a partner has.
    """
    from django.apps import apps
    from django.db.models import Q

    def page(items, param: str):
        return page_of(items, params, per_page=PARTNER_ITEMS_PER_PAGE, param=param)

    case_study_model = apps.get_model("knowledge", "CaseStudyPage")
    finding_model = apps.get_model("knowledge", "FindingPage")
    case_studies = (
        _published_case_studies()
        .filter(
            pk__in=case_study_model.objects.filter(
                Q(implementing_partners=partner) | Q(contributing_partners=partner)
            ).values("pk")
        )
        .prefetch_related("countries")
        .defer(*case_study_model.card_deferred_fields)
        .order_by("-publication_date", "-pk")
    )
    findings = (
        finding_model.objects.live()
        .public()
        .filter(partners=partner)
        .prefetch_related("countries")
        .defer(*finding_model.card_deferred_fields)
        .order_by("-publication_date", "-pk")
    )
    labs = None
    lab_model = None
    with contextlib.suppress(LookupError):
        lab_model = apps.get_model("labs", "LabPage")
    if lab_model is not None:
        for field in lab_model._meta.get_fields():
            related = getattr(field, "related_model", None)
            if related is not None and related._meta.label == "network.PartnerPage":
                labs = (
                    lab_model.objects.live()
                    .public()
                    .filter(**{field.name: partner})
                    .distinct()
                    .select_related("country", "university__country")
                    .order_by("title", "pk")
                )
                break
    events = published_events().filter(partners=partner).order_by("-starts_at", "-pk")
    return {
        "partner_case_studies": page(case_studies, "cases"),
        "partner_findings": page(findings, "findings"),
        "partner_labs": page(labs, "labs") if labs is not None else None,
        "partner_events": page(events, "events"),
    }
