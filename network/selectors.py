"""Reads about the network. Only live, public pages are returned or counted."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import QuerySet
from django.utils import timezone

from core.languages import one_per_translation
from core.paging import page_of_page_cards

from . import contributions


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


def country_activity() -> list[dict]:
    """Per South Asian country: partners and each counted kind of published content (case
    studies, from knowledge), for the map and lists."""
    from core.models import Country, Region

    partner_counts: dict[int, int] = defaultdict(int)
    for country_id in published_partners().values_list("country_id", flat=True):
        partner_counts[country_id] += 1
    content_counts: dict[str, dict[int, int]] = {}
    for content in contributions.counted_content():
        if not content.countries_field:
            continue
        counts = content_counts[content.name] = defaultdict(int)
        pairs = content.published().values_list(content.countries_field, "pk").distinct()
        for country_id, _pk in pairs.order_by():
            if country_id:
                counts[country_id] += 1
    rows = []
    for country in Country.objects.filter(region=Region.SOUTH_ASIA).order_by("name"):
        row = {"country": country, "partners": partner_counts.get(country.pk, 0)}
        for name, counts in content_counts.items():
            row[name] = counts.get(country.pk, 0)
        row["total"] = row["partners"] + sum(
            counts.get(country.pk, 0) for counts in content_counts.values()
        )
        rows.append(row)
    return rows


def partners_by_country() -> list[dict]:
    """Published partners grouped by country (countries in name order, partners by title)."""
    groups: dict = {}
    for partner in published_partners().order_by("country__name", "title"):
        groups.setdefault(partner.country, []).append(partner)
    return [{"country": country, "partners": partners} for country, partners in groups.items()]


def network_numbers() -> dict:
    """Headline counts for the home page: countries, partners and each counted kind of
    published content (labs, case studies)."""
    countries = {row["country"].pk for row in country_activity() if row["partners"]}
    numbers = {"countries": len(countries), "partners": published_partners().count()}
    for content in contributions.counted_content():
        numbers[content.name] = content.published().count()
    return numbers


#: How many of each kind of linked item a partner page shows at a time.
PARTNER_ITEMS_PER_PAGE = 12


def partner_related_content(partner, *, params) -> dict:
    """The published pages linked to one partner, a page of each kind: what the apps above
    network registered (case studies, findings, labs) and the partner's events.

    Each list pages on its own query parameter (``cases``, ``findings``, ``labs``, ``events``),
    and each registered list reads what its cards show with it: the page costs the same
    however many items a partner has, and whatever their languages.
    """

    def page(items, param: str):
        return page_of_page_cards(items, params, per_page=PARTNER_ITEMS_PER_PAGE, param=param)

    related = {
        listing.context_name: page(listing.pages_of(partner), listing.page_param)
        for listing in contributions.partner_lists()
    }
    events = published_events().filter(partners=partner).order_by("-starts_at", "-pk")
    related["partner_events"] = page(events, "events")
    return related
