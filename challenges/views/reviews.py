"""Reviewers score proposals; the owner's console ranks them, invites reviewers and selects."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from challenges import permissions, selectors, services
from challenges.forms import (
    AgencyResponseForm,
    ChallengeStateForm,
    FeedbackForm,
    ReviewerInviteForm,
    ReviewForm,
)
from challenges.models import Proposal, ProposalStatus, Review, ReviewerInvitation
from challenges.views.access import (
    challenge_crumbs,
    error_text,
    live_challenge,
    managed_challenge,
    proposal_for,
    sent_to_owner,
)
from core.paging import page_of

#: Rows per page of the owner's ranked proposals and of a reviewer's list.
PROPOSALS_PER_PAGE = 25


@login_required
def review_list(request, challenge_id: int):
    challenge = live_challenge(challenge_id)
    if not permissions.is_invited_reviewer(request.user, challenge):
        raise Http404
    proposals = page_of(
        selectors.proposals_for_reviewer(challenge=challenge, reviewer=request.user),
        request.GET,
        per_page=PROPOSALS_PER_PAGE,
    )
    reviewed = set(
        Review.objects.filter(
            reviewer=request.user, proposal__in=[p.pk for p in proposals]
        ).values_list("proposal_id", flat=True)
    )
    return render(
        request,
        "challenges/review_list.html",
        {
            "challenge": challenge,
            "proposals": proposals,
            "reviewed": reviewed,
            "criteria": challenge.judging_criteria.all(),
            "trail": challenge_crumbs(challenge, (_("Review proposals"), "")),
        },
    )


@login_required
def review_edit(request, proposal_id: int):
    proposal = get_object_or_404(
        Proposal.objects.select_related("challenge", "lab"), pk=proposal_id
    )
    if not permissions.can_score_proposal(request.user, proposal):
        raise Http404
    challenge = proposal.challenge
    review = (
        Review.objects.filter(proposal=proposal, reviewer=request.user)
        .prefetch_related("scores")
        .first()
    )
    form = ReviewForm(
        request.POST or None, criteria=challenge.judging_criteria.all(), review=review
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.review_save(
                proposal=proposal,
                reviewer=request.user,
                scores=form.scores,
                comments=form.cleaned_data["comments"],
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(
                request, _("Your scores were saved. Only the challenge owner sees them.")
            )
            return redirect("challenges:review_list", challenge_id=challenge.pk)
    return render(
        request,
        "challenges/review_form.html",
        {
            "proposal": proposal,
            "challenge": challenge,
            "form": form,
            "members": proposal.members.select_related("user"),
            "attachments": proposal.attachments.all(),
            "trail": challenge_crumbs(
                challenge,
                (_("Review proposals"), reverse("challenges:review_list", args=[challenge.pk])),
                (proposal.title, ""),
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def manage(request, challenge_id: int):
    challenge = managed_challenge(request, challenge_id)
    # Ranked by scores over every sent proposal (a constant number of queries), shown a page
    # at a time.
    ranked = selectors.ranked_proposals(challenge=challenge)
    return render(
        request,
        "challenges/manage.html",
        {
            "challenge": challenge,
            "status": challenge.status,
            "proposals": page_of(ranked, request.GET, per_page=PROPOSALS_PER_PAGE),
            "drafts_count": challenge.proposals.filter(status=ProposalStatus.DRAFT).count(),
            "criteria": list(challenge.judging_criteria.all()),
            "reviewers": ReviewerInvitation.objects.filter(challenge=challenge).select_related(
                "reviewer"
            ),
            "invite_form": ReviewerInviteForm(),
            "state_form": ChallengeStateForm(
                initial={"state": getattr(getattr(challenge, "outcome", None), "manual_state", "")}
            ),
            "response_form": AgencyResponseForm(),
            "pending_questions": challenge.questions.filter(
                answered_at__isnull=True, is_hidden=False
            ).count(),
            "selection_open": challenge.proposals_close_at is not None
            and timezone.now() >= challenge.proposals_close_at,
            "has_selection": any(p.status == ProposalStatus.SELECTED for p in ranked),
            "undecided": sum(
                p.status in (ProposalStatus.SUBMITTED, ProposalStatus.SHORTLISTED) for p in ranked
            ),
            "can_clear_findings": permissions.can_clear_findings(request.user, challenge),
            "findings_awaiting": selectors.findings_awaiting_clearance(challenge=challenge),
            "trail": challenge_crumbs(challenge, (_("Manage"), "")),
        },
    )


@login_required
@require_POST
def reviewer_invite(request, challenge_id: int):
    challenge = managed_challenge(request, challenge_id)
    form = ReviewerInviteForm(request.POST)
    if form.is_valid():
        services.reviewer_invite(
            challenge=challenge, reviewer=form.cleaned_data["person"], invited_by=request.user
        )
        messages.success(
            request,
            _("%(name)s is invited to review and was emailed.")
            % {"name": form.cleaned_data["person"].public_name},
        )
    else:
        messages.error(request, " ".join(form.errors.get("person", [])))
    return redirect("challenges:manage", challenge_id=challenge.pk)


@login_required
@require_POST
def reviewer_remove(request, challenge_id: int, invitation_id: int):
    challenge = managed_challenge(request, challenge_id)
    invitation = get_object_or_404(ReviewerInvitation, pk=invitation_id, challenge=challenge)
    services.reviewer_remove(invitation=invitation, removed_by=request.user)
    messages.success(request, _("Reviewer removed."))
    return redirect("challenges:manage", challenge_id=challenge.pk)


@login_required
@require_POST
def proposal_shortlist(request, proposal_id: int):
    proposal = proposal_for(request, proposal_id, allowed=sent_to_owner)
    shortlisted = request.POST.get("action") != "unshortlist"
    services.proposal_shortlist(proposal=proposal, by=request.user, shortlisted=shortlisted)
    messages.success(request, _("Shortlist updated."))
    return redirect("challenges:manage", challenge_id=proposal.challenge_id)


@login_required
@require_POST
def proposal_feedback(request, proposal_id: int):
    proposal = proposal_for(request, proposal_id, allowed=sent_to_owner)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        services.proposal_feedback_set(
            proposal=proposal, by=request.user, feedback=form.cleaned_data["feedback_to_team"]
        )
        messages.success(
            request, _("Feedback saved. The team receives it when the selection is announced.")
        )
    return redirect("challenges:proposal_detail", proposal_id=proposal.pk)


@login_required
@require_POST
def proposal_select(request, proposal_id: int):
    proposal = proposal_for(request, proposal_id, allowed=sent_to_owner)
    try:
        space = services.proposal_select(proposal=proposal, selected_by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _(
                "“%(title)s” is selected. Its project space “%(space)s” is ready and the team was emailed."
            )
            % {"title": proposal.title, "space": space.title},
        )
    return redirect("challenges:manage", challenge_id=proposal.challenge_id)


@login_required
@require_POST
def selection_finalise(request, challenge_id: int):
    challenge = managed_challenge(request, challenge_id)
    declined = services.selection_finalise(challenge=challenge, by=request.user)
    messages.success(
        request,
        ngettext(
            "Selection finalised: %(count)s other team was told, with the feedback you chose to share.",
            "Selection finalised: %(count)s other teams were told, with the feedback you chose to share.",
            declined,
        )
        % {"count": declined},
    )
    return redirect("challenges:manage", challenge_id=challenge.pk)
