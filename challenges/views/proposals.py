"""A lab team's proposal: starting, editing, submitting, withdrawing, its private files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from challenges import permissions, services
from challenges.forms import (
    AttachmentForm,
    FeedbackForm,
    ProposalForm,
    ProposalStartForm,
    TeamFormSet,
)
from challenges.models import ProposalAttachment, Review
from challenges.views.access import (
    challenge_crumbs,
    error_text,
    live_challenge,
    proposal_for,
)
from core.files import file_response
from core.forms import markdown_preview_requested, show_markdown_previews


@login_required
def proposal_start(request, challenge_id: int):
    challenge = live_challenge(challenge_id)
    if not permissions.can_propose(request.user):
        return render(
            request, "challenges/proposal_not_allowed.html", {"challenge": challenge}, status=403
        )
    if not challenge.accepts_proposals:
        messages.error(request, _("This challenge does not accept proposals at the moment."))
        return HttpResponseRedirect(challenge.url)
    form = ProposalStartForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_start(
                challenge=challenge, user=request.user, **form.cleaned_data
            )
        except services.DeadlinePassed as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(challenge.url)
        except (ValidationError, PermissionDenied) as error:
            form.add_error("lab", error_text(error) or _("You cannot propose for this lab."))
        else:
            messages.success(
                request, _("Draft created. Only your team can see it until you submit it.")
            )
            return redirect("challenges:proposal_edit", proposal_id=proposal.pk)
    return render(
        request,
        "challenges/proposal_start.html",
        {
            "challenge": challenge,
            "form": form,
            "trail": challenge_crumbs(challenge, (_("Start a proposal"), "")),
        },
    )


@login_required
def proposal_detail(request, proposal_id: int):
    proposal = proposal_for(request, proposal_id, allowed=permissions.can_read_proposal)
    challenge = proposal.challenge
    user = request.user
    is_team = permissions.is_team_member(user, proposal)
    can_manage = permissions.can_manage_challenge(user, challenge)
    reviews = []
    if can_manage:
        reviews = list(
            proposal.reviews.select_related("reviewer").prefetch_related("scores__criterion")
        )
    own_review = None
    if permissions.can_score_proposal(user, proposal):
        own_review = Review.objects.filter(proposal=proposal, reviewer=user).first()
    return render(
        request,
        "challenges/proposal_detail.html",
        {
            "proposal": proposal,
            "challenge": challenge,
            "members": proposal.members.select_related("user"),
            "attachments": proposal.attachments.all(),
            "is_team": is_team,
            "can_edit": permissions.can_edit_proposal(user, proposal),
            "can_manage": can_manage,
            "can_score": permissions.can_score_proposal(user, proposal),
            "own_review": own_review,
            "reviews": reviews,
            "feedback_form": FeedbackForm(instance=proposal) if can_manage else None,
            "trail": challenge_crumbs(challenge, (proposal.title, "")),
        },
    )


@login_required
def proposal_edit(request, proposal_id: int):
    proposal = proposal_for(request, proposal_id, allowed=permissions.is_team_member)
    challenge = proposal.challenge
    if not permissions.can_edit_proposal(request.user, proposal):
        messages.error(
            request,
            _("The deadline has passed: the proposal can no longer be changed.")
            if not challenge.accepts_proposals
            else _("This proposal can no longer be changed."),
        )
        return redirect("challenges:proposal_detail", proposal_id=proposal.pk)
    initial_team = [{"user": m.user_id, "role": m.role} for m in proposal.members.all()]
    form = ProposalForm(request.POST or None, instance=proposal)
    team = TeamFormSet(
        request.POST or None,
        prefix="team",
        initial=initial_team if request.method != "POST" else None,
        form_kwargs={"lab": proposal.lab},
    )
    previewing = markdown_preview_requested(request)
    if previewing:
        show_markdown_previews(form)
    elif request.method == "POST":
        if form.is_valid() and team.is_valid():
            try:
                services.proposal_update(
                    proposal=proposal,
                    user=request.user,
                    fields=form.cleaned_data,
                    members=team.members,
                )
                if request.POST.get("action") == "submit":
                    services.proposal_submit(proposal=proposal, user=request.user)
                    messages.success(
                        request, _("Proposal submitted. You can still edit it until the deadline.")
                    )
                else:
                    messages.success(request, _("Draft saved. Only your team can see it."))
            except services.DeadlinePassed as error:
                messages.error(request, str(error))
                return redirect("challenges:proposal_detail", proposal_id=proposal.pk)
            except ValidationError as error:
                messages.error(request, error_text(error))
                return redirect("challenges:proposal_edit", proposal_id=proposal.pk)
            return redirect("challenges:proposal_detail", proposal_id=proposal.pk)
        messages.error(request, _("Nothing was saved yet: please correct the errors below."))
    return render(
        request,
        "challenges/proposal_form.html",
        {
            "proposal": proposal,
            "challenge": challenge,
            "form": form,
            "team": team,
            "attachment_form": AttachmentForm(),
            "attachments": proposal.attachments.all(),
            "trail": challenge_crumbs(
                challenge,
                (proposal.title, reverse("challenges:proposal_detail", args=[proposal.pk])),
                (_("Edit"), ""),
            ),
        },
        status=400 if request.method == "POST" and not previewing else 200,
    )


def _team_action(request, *, proposal, action, success: str, then: str):
    """Run a team's change to its proposal; a passed deadline or refused state becomes a message."""
    try:
        action()
    except (services.DeadlinePassed, ValidationError) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, success)
    return redirect(then, proposal_id=proposal.pk)


@login_required
@require_POST
def proposal_submit(request, proposal_id: int):
    proposal = proposal_for(request, proposal_id, allowed=permissions.is_team_member)
    return _team_action(
        request,
        proposal=proposal,
        action=lambda: services.proposal_submit(proposal=proposal, user=request.user),
        success=_("Proposal submitted. The challenge owner has been notified."),
        then="challenges:proposal_detail",
    )


@login_required
@require_POST
def proposal_withdraw(request, proposal_id: int):
    proposal = proposal_for(request, proposal_id, allowed=permissions.is_team_member)
    return _team_action(
        request,
        proposal=proposal,
        action=lambda: services.proposal_withdraw(proposal=proposal, user=request.user),
        success=_("Proposal withdrawn; it is a private draft again."),
        then="challenges:proposal_detail",
    )


@login_required
@require_POST
def attachment_upload(request, proposal_id: int):
    proposal = proposal_for(request, proposal_id, allowed=permissions.is_team_member)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to upload."))
        return redirect("challenges:proposal_edit", proposal_id=proposal.pk)
    return _team_action(
        request,
        proposal=proposal,
        action=lambda: services.proposal_attachment_add(
            proposal=proposal, user=request.user, upload=form.cleaned_data["file"]
        ),
        success=_("File attached."),
        then="challenges:proposal_edit",
    )


@login_required
@require_POST
def attachment_delete(request, proposal_id: int, attachment_id: int):
    proposal = proposal_for(request, proposal_id, allowed=permissions.is_team_member)
    attachment = get_object_or_404(ProposalAttachment, pk=attachment_id, proposal=proposal)
    try:
        services.proposal_attachment_remove(attachment=attachment, user=request.user)
    except services.DeadlinePassed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("File removed."))
    return redirect("challenges:proposal_edit", proposal_id=proposal.pk)


@login_required
def attachment_download(request, proposal_id: int, attachment_id: int):
    """Private files: only people who may read the proposal; always as a download."""
    proposal = proposal_for(request, proposal_id, allowed=permissions.can_read_proposal)
    attachment = get_object_or_404(ProposalAttachment, pk=attachment_id, proposal=proposal)
    return file_response(attachment.file, filename=attachment.original_name)
