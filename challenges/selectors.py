"""Reads about challenges: lists with filters, facet counts, ranking, uptake, dashboards.

Status depends on the clock, so lists annotate it in SQL with ``annotate_status`` — the same
rules as ``ChallengePage.status_at`` (tests keep the two in step).

Over 400 lines on purpose: the index's filters, clock rules and facet counts (about 250 of them)
depend on one another and read best in one place.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import WorkflowState

from core.facets import FacetOption, known_place_codes, place_options
from core.languages import one_per_translation
from core.models import Country, Profile, TaggedExpertise
from core.moderation import ModerationStatus, latest_workflow_state
from core.params import ids_only
from knowledge.models import FindingPage
from labs.models import LabMembership, LabPage, LabRole
from network.models import Theme

from . import matching
from .models import (
    AgencyProposalStatus,
    AgencyResponse,
    ChallengePage,
    ChallengeStatus,
    ClearanceStatus,
    FindingClearance,
    ManualState,
    PolicymakerVerification,
    Proposal,
    ProposalStatus,
    ProposedAgency,
    ReviewerInvitation,
    VerificationStatus,
)
from .models.outcomes import UPTAKE_KINDS
from .models.pages import ARCHIVED_STATUSES
from .models.proposals import SENT_STATUSES

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

    from network.models import PartnerPage, SustainableDevelopmentGoal, Theme

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
    return list(challenge_list(filters=filters, now=now)[:limit])


def featured_open_challenges(*, limit: int = 3) -> list:
    """For the home page: open challenges, soonest deadline first; then the upcoming ones."""
    filters = ChallengeFilters(status=(ChallengeStatus.OPEN, ChallengeStatus.UPCOMING))
    return list(challenge_list(filters=filters)[:limit])


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


# --- proposals, reviews -----------------------------------------------------------------------------


def ranked_proposals(*, challenge: ChallengePage) -> list[Proposal]:
    """Sent proposals with ``average_score`` (0–100, mean of reviewers' weighted totals),
    ``review_count`` and ``criterion_averages``; best first, unscored last."""
    proposals = list(
        Proposal.objects.filter(challenge=challenge, status__in=SENT_STATUSES)
        .select_related("lab", "project_space")
        .prefetch_related("reviews__scores__criterion", "members__user")
    )
    criteria = list(challenge.judging_criteria.all())
    for proposal in proposals:
        reviews = list(proposal.reviews.all())
        totals = [review.weighted_total() for review in reviews if review.scores.all()]
        proposal.review_count = len(totals)
        proposal.average_score = (
            (sum(totals, Decimal(0)) / len(totals)).quantize(Decimal("0.01")) if totals else None
        )
        per_criterion = []
        for criterion in criteria:
            scores = [
                s.score
                for review in reviews
                for s in review.scores.all()
                if s.criterion_id == criterion.pk
            ]
            per_criterion.append(
                {
                    "criterion": criterion,
                    "average": (Decimal(sum(scores)) / len(scores)).quantize(Decimal("0.1"))
                    if scores
                    else None,
                }
            )
        proposal.criterion_averages = per_criterion
    proposals.sort(
        key=lambda p: (
            p.average_score is None,
            -(p.average_score or 0),
            p.submitted_at or timezone.now(),
        )
    )
    return proposals


def proposals_for_reviewer(*, challenge: ChallengePage, reviewer) -> QuerySet:
    """Sent proposals of a challenge the person was invited to review; nothing otherwise."""
    if not ReviewerInvitation.objects.filter(challenge=challenge, reviewer=reviewer).exists():
        return Proposal.objects.none()
    return (
        Proposal.objects.filter(challenge=challenge, status__in=SENT_STATUSES)
        .exclude(members__user=reviewer)
        .select_related("lab")
        .order_by("submitted_at")
    )


def proposals_of_user(*, user) -> QuerySet:
    return (
        Proposal.objects.filter(
            members__user=user,
            lab__in=LabMembership.objects.filter(user=user).values("lab_id"),
        )
        .select_related("challenge", "lab", "project_space")
        .distinct()
        .order_by("-updated_at")
    )


def proposal_still_editable(proposal: Proposal, *, now: datetime | None = None) -> bool:
    """The team may still change it: not decided yet, and its challenge still takes proposals."""
    return proposal.status in (
        ProposalStatus.DRAFT,
        ProposalStatus.SUBMITTED,
    ) and proposal.challenge.accepts_proposals_at(now or timezone.now())


def challenges_owned_by(*, user) -> QuerySet:
    return ChallengePage.objects.filter(owners=user).order_by("-latest_revision_created_at")


def review_invitations_of(*, user) -> QuerySet:
    return (
        ReviewerInvitation.objects.filter(reviewer=user, challenge__live=True)
        .select_related("challenge")
        .order_by("-created_at")
    )


# --- clearance of findings ---------------------------------------------------------------------


def finding_clearances(*, challenge: ChallengePage) -> QuerySet:
    """The challenge's findings under clearance or past it, those awaiting a decision first."""
    return (
        FindingClearance.objects.filter(challenge=challenge)
        .select_related("finding", "space__lab", "proposed_by", "decided_by")
        .annotate(
            awaiting=Case(
                When(status=ClearanceStatus.PENDING, then=Value(0)),
                default=Value(1),
            )
        )
        .order_by("awaiting", "-updated_at", "-pk")
    )


def finding_draft(clearance):
    """The finding as its team last wrote it (its latest revision), for the owners to read."""
    return clearance.finding.specific.get_latest_revision_as_object()


def findings_awaiting_clearance(*, challenge: ChallengePage) -> int:
    return FindingClearance.objects.filter(
        challenge=challenge, status=ClearanceStatus.PENDING
    ).count()


# --- matchmaking (scored in challenges.matching) --------------------------------------------

#: At most this many open challenges are ranked for a person, soonest deadline first, and at
#: most this many students of a lab for a challenge: the queries stay the same however many
#: there are.
MATCH_CHALLENGE_CANDIDATES = 200
MATCH_STUDENT_CANDIDATES = 500


def _match_target(group: list[ChallengePage]) -> matching.MatchTarget:
    """One translation group as matching sees it: the words of every version, one place."""
    themes = {theme.pk: theme.name for page in group for theme in page.themes.all()}
    first = group[0]
    return matching.MatchTarget(
        text=matching.target_text(
            *(part for page in group for part in (page.title, page.summary, page.province)),
            *themes.values(),
        ),
        theme_names=themes,
        country_id=first.country_id,
        country_name=first.country.name if first.country_id else "",
        province=first.province,
        language_codes=frozenset(page.locale.language_code for page in group),
    )


def _challenge_groups(pages) -> list[tuple[ChallengePage, list[ChallengePage]]]:
    """(the version to show, every version) per translation group: the reader's language when
    there is one, else the original, as ``one_per_translation`` picks for lists."""
    groups: dict = {}
    for page in pages:
        groups.setdefault(page.translation_key, []).append(page)
    code = translation.get_language()
    shown = []
    for group in groups.values():
        group.sort(key=lambda page: page.pk)
        reader = next((page for page in group if page.locale.language_code == code), group[0])
        shown.append((reader, group))
    return shown


def _matchable_pages(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("country", "locale").prefetch_related("themes")


def challenges_matched_for(*, user, now: datetime | None = None) -> list[matching.Match]:
    """Open challenges that fit the person, best first, each with its reasons; none when the
    person turned matching off. Five queries, whatever the number of challenges."""
    profile = Profile.objects.filter(user=user).first()
    if profile is None or not profile.matching_enabled:
        return []
    own_labs = LabPage.objects.filter(memberships__user=user)
    person = matching.profile_for_self(
        profile,
        expertise=profile.expertise.names(),
        country_ids=own_labs.exclude(country=None).values_list("country_id", flat=True),
        theme_ids=Theme.objects.filter(labs__in=own_labs).values_list("pk", flat=True),
    )
    open_now = annotate_status(ChallengePage.objects.live().public(), now=now).filter(
        computed_status=ChallengeStatus.OPEN
    )
    candidates = _matchable_pages(open_now).order_by(
        F("proposals_close_at").asc(nulls_last=True), "pk"
    )[:MATCH_CHALLENGE_CANDIDATES]
    found = [
        matching.match(person, _match_target(group), shown)
        for shown, group in _challenge_groups(candidates)
    ]
    return matching.ranked(
        found,
        tie_break=lambda page: (
            page.proposals_close_at is None,
            page.proposals_close_at or timezone.now(),
            page.pk,
        ),
    )


def students_matched_for(*, challenge: ChallengePage, lab) -> list[matching.Match]:
    """Students of ``lab`` who fit ``challenge``, best first, judged only on what each shows
    publicly; people who turned matching off or hide their profile are never listed."""
    group = list(
        _matchable_pages(
            ChallengePage.objects.live().public().filter(translation_key=challenge.translation_key)
        ).order_by("pk")
    )
    target = _match_target(group or [challenge])
    memberships = (
        LabMembership.objects.filter(
            lab=lab,
            role=LabRole.STUDENT,
            user__deleted_at__isnull=True,
            user__profile__matching_enabled=True,
            user__profile__is_public=True,
        )
        .select_related("user__profile")
        .prefetch_related(
            Prefetch(
                "user__profile__tagged_expertise",
                queryset=TaggedExpertise.objects.select_related("tag"),
            )
        )
        .order_by("joined_at", "pk")[:MATCH_STUDENT_CANDIDATES]
    )
    found = []
    for membership in memberships:
        profile = membership.user.profile
        expertise = [tagged.tag.name for tagged in profile.tagged_expertise.all()]
        person = matching.profile_for_others(profile, expertise=expertise)
        found.append(matching.match(person, target, membership.user))
    return matching.ranked(found, tie_break=lambda person: person.public_name.casefold())


def labs_led_by(*, user) -> QuerySet:
    """Labs the person leads: where they may see students suggested for a challenge."""
    if not user.is_authenticated:
        return LabPage.objects.none()
    return LabPage.objects.filter(memberships__user=user, memberships__role=LabRole.LEAD).order_by(
        "title"
    )


def published_brief_moderation(page: ChallengePage) -> ModerationStatus:
    """Where an owner's latest change to a live brief stands: with the moderators, sent back
    with their comment, or nothing pending (the live page is the latest word)."""
    state = latest_workflow_state(page)
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return ModerationStatus(
            "in-moderation", str(_("Your changes are waiting for a moderator")), badge="warning"
        )
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        task_state = state.current_task_state
        return ModerationStatus(
            "changes-requested",
            str(_("Changes requested")),
            comment=task_state.get_comment() if task_state else "",
            badge="warning",
        )
    return ModerationStatus("published", str(_("Published")), badge="success")


def verified_agency_id(*, user) -> int | None:
    """The network agency of the person's approved verification: their brief's default."""
    if not user.is_authenticated:
        return None
    return (
        PolicymakerVerification.objects.filter(
            user=user, status=VerificationStatus.APPROVED, agency__isnull=False
        )
        .values_list("agency_id", flat=True)
        .first()
    )


def approved_proposed_agency(challenge: ChallengePage):
    """The agency the brief's policymaker proposed, once a moderator approved it (else None)."""
    if challenge.agency_id or not challenge.proposed_agency_id:
        return None
    return ProposedAgency.objects.filter(
        pk=challenge.proposed_agency_id, status=AgencyProposalStatus.APPROVED
    ).first()
