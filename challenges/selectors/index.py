"""Reads for the challenges index and the home page: the public list with its filters, facet
counts and clock-dependent status, the closing-soon and featured lists, the uptake figures.

Status depends on the clock, so lists annotate it in SQL with ``annotate_status`` — the same
rules as ``ChallengePage.status_at`` (tests keep the two in step).
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from challenges.models import (
    AgencyResponse,
    ChallengePage,
    ChallengeStatus,
    ManualState,
    Proposal,
    ProposalStatus,
)
from challenges.models.outcomes import UPTAKE_KINDS
from challenges.models.pages import ARCHIVED_STATUSES
from core.facets import FacetOption, known_place_codes, place_options
from core.languages import one_per_translation, published_translations_prefetch
from core.models import Country
from core.page_cache import cached_until_content_changes
from core.params import ids_only
from knowledge.models import FindingPage
from network.models import Theme

CLOSING_SOON_DAYS = 14

DEADLINE_OPTIONS = {
    "closing-soon": _("Closing within two weeks"),
    "month": _("Closing within a month"),
    "later": _("Closing later"),
    "passed": _("Deadline passed"),
}


def public_challenges() -> QuerySet:
    """Published briefs, one per translation group (the reader's language, else the original)."""
    return one_per_translation(ChallengePage.objects.live().public())


def annotate_status(queryset: QuerySet, *, now: datetime | None = None) -> QuerySet:
    """Add ``computed_status`` to live challenges (drafts are never listed)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    selected = Proposal.objects.filter(challenge=OuterRef("pk"), status=ProposalStatus.SELECTED)
    return queryset.annotate(
        has_selected=Exists(selected),
        computed_status=Case(
            When(
                outcome__manual_state=ManualState.CLOSED_WITHOUT_AWARD,
                then=Value(ChallengeStatus.CLOSED),
            ),
            When(
                outcome__manual_state=ManualState.COMPLETED, then=Value(ChallengeStatus.COMPLETED)
            ),
            When(has_selected=True, project_end__lt=today, then=Value(ChallengeStatus.COMPLETED)),
            When(has_selected=True, then=Value(ChallengeStatus.IN_PROGRESS)),
            When(proposals_open_at__gt=now, then=Value(ChallengeStatus.UPCOMING)),
            When(proposals_close_at__isnull=True, then=Value(ChallengeStatus.OPEN)),
            When(proposals_close_at__gt=now, then=Value(ChallengeStatus.OPEN)),
            default=Value(ChallengeStatus.SELECTING),
            output_field=CharField(),
        ),
    )


@dataclass(frozen=True)
class StatusesNow:
    """Each listed challenge's status, by page id, and the first moment one of them changes
    with the clock alone (a proposal window opening or closing, a day ending)."""

    by_page: dict[int, str]
    changes_at: datetime


def statuses_now() -> dict[int, str]:
    """The status now of each published public challenge, one per translation group as the
    index lists them, by page id: read once, until a write a reader can see (a proposal
    selected, an outcome recorded, a publish) or the clock changes one of them."""
    statuses = cached_until_content_changes(
        "challenge-statuses",
        _statuses_read,
        seconds_valid=lambda read: (read.changes_at - timezone.now()).total_seconds(),
    )
    return statuses.by_page


def _statuses_read() -> StatusesNow:
    now = timezone.now()
    # A project's end date passes at midnight (annotate_status compares it with today).
    changes_at = timezone.make_aware(
        datetime.combine(timezone.localdate(now) + timedelta(days=1), time.min)
    )
    by_page = {}
    rows = annotate_status(public_challenges(), now=now).order_by()
    for pk, status, opens, closes in rows.values_list(
        "pk", "computed_status", "proposals_open_at", "proposals_close_at"
    ):
        by_page[pk] = status
        for moment in (opens, closes):
            if moment and now < moment < changes_at:
                changes_at = moment
    return StatusesNow(by_page=by_page, changes_at=changes_at)


@dataclass(frozen=True)
class ChallengeFilters:
    """The index's filter state, read from and written back to the query string."""

    scope: str = "current"  # current | archive | all
    status: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    place: tuple[str, ...] = ()
    theme: tuple[str, ...] = ()
    sdg: tuple[str, ...] = ()
    agency: tuple[str, ...] = ()
    deadline: tuple[str, ...] = ()
    invalid: tuple[str, ...] = field(default=(), compare=False)

    FACETS = ("status", "country", "place", "theme", "sdg", "agency", "deadline")

    @classmethod
    def from_query(cls, query) -> "ChallengeFilters":
        scope = query.get("scope", "current")
        if scope not in ("current", "archive", "all"):
            scope = "current"
        values = {name: tuple(v for v in query.getlist(name) if v)[:20] for name in cls.FACETS}
        values["status"] = tuple(v for v in values["status"] if v in ChallengeStatus.values)
        values["deadline"] = tuple(v for v in values["deadline"] if v in DEADLINE_OPTIONS)
        values["sdg"] = ids_only(values["sdg"])
        values["agency"] = ids_only(values["agency"])
        values["place"] = known_place_codes(values["place"])
        if values["status"] and "scope" not in query:
            scope = "all"  # a status filter alone should find archived challenges too
        return cls(scope=scope, **values)

    @property
    def is_active(self) -> bool:
        return any(getattr(self, name) for name in self.FACETS)


def _deadline_q(option: str, now: datetime) -> Q:
    if option == "closing-soon":
        return Q(
            proposals_close_at__gt=now,
            proposals_close_at__lte=now + timedelta(days=CLOSING_SOON_DAYS),
        )
    if option == "month":
        return Q(proposals_close_at__gt=now, proposals_close_at__lte=now + timedelta(days=31))
    if option == "later":
        return Q(proposals_close_at__gt=now + timedelta(days=31))
    return Q(proposals_close_at__lte=now)


# Facets stored in the search index; the service filters and counts them.
SERVICE_FACETS = ("country", "place", "theme", "sdg", "agency")


def _clock_filter(
    queryset: QuerySet, filters: ChallengeFilters, now: datetime, *, skip: str = ""
) -> QuerySet:
    """Scope, status and deadline: rules that depend on the clock, on selected proposals and on
    recorded outcomes (none of which is a publish event), so they are evaluated now, in SQL."""
    if filters.scope == "current":
        queryset = queryset.exclude(computed_status__in=ARCHIVED_STATUSES)
    elif filters.scope == "archive":
        queryset = queryset.filter(computed_status__in=ARCHIVED_STATUSES)
    if filters.status and skip != "status":
        queryset = queryset.filter(computed_status__in=filters.status)
    if filters.deadline and skip != "deadline":
        deadline_q = Q()
        for option in filters.deadline:
            deadline_q |= _deadline_q(option, now)
        queryset = queryset.filter(deadline_q)
    return queryset


def _clock_admitted(filters: ChallengeFilters, now: datetime, *, skip: str = "") -> QuerySet:
    """The published challenges the clock-dependent rules admit now, as a query of ids."""
    queryset = _clock_filter(annotate_status(public_challenges(), now=now), filters, now, skip=skip)
    return queryset.order_by().values_list("pk", flat=True)


def _service_filters(filters: ChallengeFilters) -> dict:
    return {name: list(getattr(filters, name)) for name in SERVICE_FACETS}


def _matching(filters: ChallengeFilters, now: datetime, *, skip: str = "") -> QuerySet:
    """Published challenges passing every filter except ``skip``: the indexed facets through
    the search service (``core.search_port``, a subquery of its matches), the clock-dependent
    rules in SQL. No list of ids is read: one query reads the page or the counts."""
    from core.search_port import matching_pages

    indexed = matching_pages(content_types=["challenge"], filters=_service_filters(filters))
    return _clock_filter(
        annotate_status(public_challenges().filter(pk__in=indexed), now=now),
        filters,
        now,
        skip=skip,
    )


def challenge_list(*, filters: ChallengeFilters, now: datetime | None = None) -> QuerySet:
    """Published challenges matching ``filters``: open ones first, soonest deadline first."""
    now = now or timezone.now()
    ordering = Case(
        When(computed_status=ChallengeStatus.OPEN, then=Value(0)),
        When(computed_status=ChallengeStatus.UPCOMING, then=Value(1)),
        When(computed_status=ChallengeStatus.SELECTING, then=Value(2)),
        When(computed_status=ChallengeStatus.IN_PROGRESS, then=Value(3)),
        default=Value(4),
    )
    return (
        _matching(filters, now)
        .select_related("agency", "country", "locale")
        .annotate(status_order=ordering)
        .order_by("status_order", "proposals_close_at", "-first_published_at")
    )


def challenge_facets(
    *, filters: ChallengeFilters, now: datetime | None = None
) -> dict[str, list[FacetOption]]:
    """Facet options with counts. Each facet counts over every OTHER active filter (so options
    within one facet combine with OR, facets with AND). Only published public pages count.

    Country, place, theme, SDG and agency are counted by the search service (through
    ``core.search_port``, so that facet logic exists once). Status and deadline depend on the
    clock, on selected proposals and on recorded outcomes, none of which re-publishes the page,
    so they are counted here at query time over the pages the service matched.
    """
    from core.search_port import facet_search

    now = now or timezone.now()
    counted: dict[str, dict[str, int]] = {name: {} for name in SERVICE_FACETS}
    results = facet_search(
        content_types=["challenge"],
        filters=_service_filters(filters),
        page_ids=_clock_admitted(filters, now),
        per_page=1,
        facet_names=SERVICE_FACETS,
    )
    for facet in results.facets:
        if facet.name in counted:
            counted[facet.name] = {o.value: o.count for o in facet.options}

    def options(facet: str, labels: dict) -> list[FacetOption]:
        chosen = set(getattr(filters, facet))
        return [
            FacetOption(
                value=value,
                label=labels.get(value, value),
                count=counted[facet].get(value, 0),
                selected=value in chosen,
            )
            for value in sorted(counted[facet], key=lambda v: str(labels.get(v, v)))
            if counted[facet][value]
        ]

    from network.models import PartnerPage, SustainableDevelopmentGoal

    status_counts = {
        row["computed_status"]: row["n"]
        for row in _matching(filters, now, skip="status")
        .order_by()
        .values("computed_status")
        .annotate(n=Count("pk", distinct=True))
    }
    facets = {
        "status": [
            FacetOption(
                value=value,
                label=label,
                count=status_counts.get(value, 0),
                selected=value in filters.status,
            )
            for value, label in ChallengeStatus.choices
            if status_counts.get(value) or value in filters.status
        ],
        "country": options("country", dict(Country.objects.values_list("code", "name"))),
        # A tree one opens by choosing: a province counts its districts' briefs.
        "place": place_options(counted["place"], set(filters.place)),
        "theme": options("theme", dict(Theme.objects.values_list("slug", "name"))),
        "sdg": [],
        "agency": options(
            "agency",
            {str(pk): title for pk, title in PartnerPage.objects.values_list("pk", "title")},
        ),
    }
    sdg_labels = {str(goal.number): str(goal) for goal in SustainableDevelopmentGoal.objects.all()}
    facets["sdg"] = [
        FacetOption(
            value=value,
            label=sdg_labels.get(value, value),
            count=n,
            selected=value in filters.sdg,
        )
        for value, n in sorted(counted["sdg"].items(), key=lambda item: (len(item[0]), item[0]))
        if n
    ]
    deadline_base = _matching(filters, now, skip="deadline").order_by()
    deadline_counts = deadline_base.aggregate(
        **{
            option: Count("pk", filter=_deadline_q(option, now), distinct=True)
            for option in DEADLINE_OPTIONS
        }
    )
    facets["deadline"] = []
    for option, label in DEADLINE_OPTIONS.items():
        n = deadline_counts[option]
        if n or option in filters.deadline:
            facets["deadline"].append(
                FacetOption(
                    value=option,
                    label=label,
                    count=n,
                    selected=option in filters.deadline,
                )
            )
    return facets


def closing_soon(*, now: datetime | None = None, limit: int = 3) -> list[ChallengePage]:
    now = now or timezone.now()
    filters = ChallengeFilters(deadline=("closing-soon",), status=(ChallengeStatus.OPEN,))
    return challenge_cards(challenge_list(filters=filters, now=now)[:limit])


def challenge_cards(challenges) -> list[ChallengePage]:
    """A slice of ``challenge_list`` as a list, with the translations each card's link to the
    reader's language needs read for all of them at once, not per card."""
    cards = list(challenges)
    published_translations_prefetch(cards)
    return cards


def featured_open_challenges(*, limit: int = 3) -> list:
    """For the home page: open challenges, soonest deadline first; then the upcoming ones."""
    filters = ChallengeFilters(status=(ChallengeStatus.OPEN, ChallengeStatus.UPCOMING))
    return challenge_cards(challenge_list(filters=filters)[:limit])


def uptake_figures() -> dict:
    """How many published challenges led somewhere: for the index and the home page."""
    live = public_challenges()
    responses = AgencyResponse.objects.filter(challenge__in=live)
    annotated = annotate_status(live)
    # Findings count once published (an embargoed or uncleared draft is not live), once per
    # translation group.
    findings = FindingPage.objects.live().public().filter(source_challenge__in=live)
    return {
        "challenges": live.count(),
        "open": annotated.filter(computed_status=ChallengeStatus.OPEN).count(),
        "completed": annotated.filter(computed_status=ChallengeStatus.COMPLETED).count(),
        "responded": responses.values("challenge").distinct().count(),
        "piloted": responses.filter(kind="piloted").values("challenge").distinct().count(),
        "adopted": responses.filter(kind="adopted").values("challenge").distinct().count(),
        "uptake": responses.filter(kind__in=UPTAKE_KINDS).values("challenge").distinct().count(),
        "findings": findings.values("translation_key").distinct().count(),
    }
