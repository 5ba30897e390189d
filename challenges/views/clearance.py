"""Clearance of findings: the challenge's owners decide, the space's owners revise and resubmit.

Anyone else gets 404, moderators included (they approve only after clearance).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from challenges import permissions, selectors
from challenges.forms import ClearanceDecisionForm, ClearanceRevisionForm
from challenges.models import ChallengePage, ClearanceStatus, FindingClearance
from challenges.services.clearance import (
    finding_clearance_decide,
    finding_clearance_resubmit,
    is_space_owner,
)
from challenges.views.access import challenge_crumbs, error_text
from core.paging import page_of
from labs.models import SpaceMembership
from labs.selectors import finding_supervisor_sign_off

CLEARANCES_PER_PAGE = 20


def _cleared_challenge(request, challenge_id: int) -> ChallengePage:
    challenge = get_object_or_404(ChallengePage, pk=challenge_id)
    if not permissions.can_clear_findings(request.user, challenge):
        raise Http404
    return challenge


@never_cache
@login_required
def clearance_list(request, challenge_id: int):
    challenge = _cleared_challenge(request, challenge_id)
    clearances = page_of(
        selectors.finding_clearances(challenge=challenge),
        request.GET,
        per_page=CLEARANCES_PER_PAGE,
    )
    return render(
        request,
        "challenges/clearance_list.html",
        {
            "challenge": challenge,
            "clearances": clearances,
            "trail": challenge_crumbs(challenge, (_("Findings for clearance"), "")),
        },
    )


@never_cache
@login_required
def clearance_detail(request, challenge_id: int, clearance_id: int):
    challenge = _cleared_challenge(request, challenge_id)
    clearance = get_object_or_404(
        FindingClearance.objects.select_related("finding", "space__lab", "proposed_by"),
        pk=clearance_id,
        challenge=challenge,
    )
    form = ClearanceDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            finding_clearance_decide(
                clearance=clearance, decided_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("Your decision was recorded and the team was told."))
            return redirect("challenges:clearance_list", challenge_id=challenge.pk)
    return render(
        request,
        "challenges/clearance_detail.html",
        {
            "challenge": challenge,
            "clearance": clearance,
            "draft": selectors.finding_draft(clearance),
            "sign_off": finding_supervisor_sign_off(finding=clearance.finding),
            "form": form,
            "trail": challenge_crumbs(
                challenge,
                (_("Findings for clearance"), ""),
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@login_required
def clearance_team(request, clearance_id: int):
    """Where the space's team reads the owners' decision; its owners revise and resubmit."""
    clearance = get_object_or_404(
        FindingClearance.objects.select_related("finding", "challenge", "space"), pk=clearance_id
    )
    if not (
        clearance.space_id
        and SpaceMembership.objects.filter(space_id=clearance.space_id, user=request.user).exists()
    ):
        raise Http404
    can_revise = clearance.status == ClearanceStatus.CHANGES_REQUESTED and is_space_owner(
        request.user, clearance
    )
    draft = selectors.finding_draft(clearance)
    form = None
    if can_revise:
        form = ClearanceRevisionForm(
            request.POST if request.method == "POST" else None,
            initial={"title": draft.title, "abstract": draft.abstract},
        )
        if request.method == "POST" and form.is_valid():
            try:
                finding_clearance_resubmit(
                    clearance=clearance, user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error_text(error))
            else:
                messages.success(request, _("The finding was sent back to the challenge's owners."))
                return redirect(clearance.space.get_absolute_url())
    elif request.method == "POST":
        raise Http404
    return render(
        request,
        "challenges/clearance_team.html",
        {
            "clearance": clearance,
            "draft": draft,
            "form": form,
            "trail": [
                (clearance.space.title, clearance.space.get_absolute_url()),
                (_("Clearance"), ""),
            ],
        },
        status=400 if request.method == "POST" else 200,
    )
