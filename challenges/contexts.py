"""Context builders of the challenges app's two page types, called from their ``get_context``.

Models call these (``contexts.challenge_page(request, self)``); they read through selectors and
permissions, so a page model never imports a view.
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy

from core.facets import Facet, toggle_url
from core.paging import page_of
from core.services import profile_get_or_create
from knowledge.models import FindingPage

from . import permissions, selectors
from .forms import AnswerForm, QuestionForm
from .models import (
    ChallengeFollower,
    ChallengeIndexPage,
    ChallengePage,
    ChallengeStatus,
    ProposalStatus,
)
from .models.pages import STATUS_BADGES

#: Challenges per page of the index.
PAGE_SIZE = 12


def challenge_index(request, index_page: ChallengeIndexPage) -> dict:
    filters = selectors.ChallengeFilters.from_query(request.GET)
    now = timezone.now()
    challenges = selectors.challenge_list(filters=filters, now=now)
    page_obj = Paginator(challenges, PAGE_SIZE).get_page(request.GET.get("page"))
    page_obj.object_list = selectors.challenge_cards(page_obj.object_list)
    for challenge in page_obj:
        challenge.badge_variant = _badge(challenge.computed_status)
        challenge.status_label = ChallengeStatus(challenge.computed_status).label
    facets = selectors.challenge_facets(filters=filters, now=now)
    for name, options in facets.items():
        for option in options:
            option.url = toggle_url(request.GET, name, option.value, option.replaces)
    scope_urls = {scope: _scope_url(request.GET, scope) for scope in ("current", "archive", "all")}
    return {
        "filters": filters,
        "facets": [
            Facet(name=name, title=title, options=facets[name])
            for name, title in FACET_TITLES.items()
            if facets[name]
        ],
        "scope_urls": scope_urls,
        "clear_url": "?" + ("scope=" + filters.scope if filters.scope != "current" else ""),
        "page_obj": page_obj,
        "closing_soon": selectors.closing_soon(now=now) if not filters.is_active else [],
        "uptake": selectors.uptake_figures(),
        "can_submit_brief": permissions.can_submit_brief(request.user),
        "is_verified_policymaker": permissions.is_verified_policymaker(request.user),
    }


FACET_TITLES = {
    "status": _lazy("Status"),
    "deadline": _lazy("Deadline"),
    "country": _lazy("Country"),
    "place": _lazy("Province, division or district"),
    "agency": _lazy("Issuing agency"),
    "theme": _lazy("Theme"),
    "sdg": _lazy("Sustainable Development Goal"),
}


def _scope_url(query, scope: str) -> str:
    params = query.copy()
    params.pop("page", None)
    params.pop("status", None)
    params["scope"] = scope
    return "?" + params.urlencode()


def _badge(status: str) -> str:
    return STATUS_BADGES[ChallengeStatus(status)]


def _preview_context(challenge: ChallengePage) -> dict:
    """Admin preview of a page that is not saved yet: the brief itself, no activity."""
    return {
        "status": ChallengeStatus.DRAFT,
        "status_badge": "draft",
        "timeline": challenge.timeline_phases(),
        "criteria": list(challenge.judging_criteria.all()),
        "answered_questions": [],
        "pending_questions": [],
        "updates": [],
        "own_proposals": [],
        "selected_proposals": [],
        "findings": [],
        "agency_responses": [],
        "follower_count": 0,
    }


def _timeline_with_extension(challenge: ChallengePage) -> list[dict]:
    """The phases, the deadline marked with the one it replaced when an owner moved it."""
    timeline = challenge.timeline_phases()
    extension = challenge.deadline_extensions.first()
    if extension is not None and extension.new_deadline == challenge.proposals_close_at:
        for phase in timeline:
            if phase["is_datetime"] and phase["when"] == challenge.proposals_close_at:
                phase["extended_from"] = extension.previous_deadline
    return timeline


def challenge_page(request, challenge: ChallengePage) -> dict:
    if challenge.pk is None:
        return _preview_context(challenge)
    user = request.user
    can_manage = permissions.can_manage_challenge(user, challenge)
    questions = challenge.questions.filter(is_hidden=False).select_related(
        "asked_by", "answered_by"
    )
    answered = [q for q in questions if q.is_answered]
    pending = [
        q
        for q in questions
        if not q.is_answered
        and (can_manage or (user.is_authenticated and q.asked_by_id == user.pk))
    ]
    own_proposals = []
    proposable_labs = []
    if user.is_authenticated and challenge.pk:
        own_proposals = list(selectors.proposals_of_user(user=user).filter(challenge=challenge))
        taken = set(challenge.proposals.values_list("lab_id", flat=True))
        proposable_labs = [lab_id for lab_id in permissions.lab_ids_of(user) if lab_id not in taken]
    selected = (
        list(
            challenge.proposals.filter(status=ProposalStatus.SELECTED).select_related(
                "lab", "project_space"
            )
        )
        if challenge.pk
        else []
    )
    findings = []
    if challenge.pk:
        findings = list(
            FindingPage.objects.live()
            .public()
            .filter(source_challenge=challenge)
            .order_by("-first_published_at")
        )
    return {
        "status": challenge.status,
        "status_badge": challenge.status_badge,
        "timeline": _timeline_with_extension(challenge),
        "criteria": list(challenge.judging_criteria.all()),
        "answered_questions": answered,
        "pending_questions": pending,
        "question_form": QuestionForm(),
        "answer_form": AnswerForm(),
        "updates": list(challenge.updates.select_related("author")[:10]) if challenge.pk else [],
        "is_following": bool(
            user.is_authenticated
            and challenge.pk
            and ChallengeFollower.objects.filter(challenge=challenge, user=user).exists()
        ),
        "follower_count": challenge.followers.count() if challenge.pk else 0,
        "can_manage": can_manage,
        "led_labs": list(selectors.labs_led_by(user=user)),
        "is_reviewer": bool(challenge.pk) and permissions.is_invited_reviewer(user, challenge),
        "own_proposals": own_proposals,
        "can_start_proposal": bool(proposable_labs)
        and challenge.accepts_proposals
        and not challenge.is_owner(user),
        "selected_proposals": selected,
        "findings": findings,
        "agency_responses": list(challenge.agency_responses.all()) if challenge.pk else [],
        "outcome": getattr(challenge, "outcome", None) if challenge.pk else None,
        "approved_proposed_agency": selectors.approved_proposed_agency(challenge),
    }


#: Suggestions per page of "Challenges for you" and of a lead's suggested students.
MATCHES_PER_PAGE = 20


def matches_page(request) -> dict:
    """The signed-in person's own suggestions (never anyone else's), a page at a time."""
    profile = profile_get_or_create(user=request.user)
    found = selectors.challenges_matched_for(user=request.user)
    return {
        "matching_enabled": profile.matching_enabled,
        "matches": page_of(found, request.GET, per_page=MATCHES_PER_PAGE),
    }


def suggested_students_page(request, *, challenge: ChallengePage, lab_id: int) -> dict:
    """A lead's suggested students for ``challenge`` from their own lab; 404 for anyone who
    does not lead ``lab_id`` (moderators included: the list is the lab's, not the site's)."""
    lab = selectors.labs_led_by(user=request.user).filter(pk=lab_id).first()
    if lab is None:
        raise Http404
    found = selectors.students_matched_for(challenge=challenge, lab=lab)
    index = challenge.get_parent()
    return {
        "challenge": challenge,
        "lab": lab,
        "matches": page_of(found, request.GET, per_page=MATCHES_PER_PAGE),
        "trail": [
            (index.title, index.url),
            (challenge.title, challenge.url),
            (_lazy("Suggested students"), ""),
        ],
    }
