"""Policymakers write challenge briefs: drafts, sending to the moderators, revising."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from challenges import permissions, selectors, services
from challenges.forms import BriefForm, CriteriaFormSet, PublishedBriefForm
from challenges.models import ChallengeIndexPage, ChallengePage
from challenges.views.access import challenge_crumbs, error_text, managed_challenge
from core.forms import (
    defer_required_fields,
    draft_requested,
    markdown_preview_requested,
    show_markdown_previews,
)
from core.moderation import moderation_status

#: Form fields the services take as arguments of their own, not as page fields.
_NOT_PAGE_FIELDS = ("themes", "sdgs", "new_agency_name", "new_agency_country")


def _brief_fields(form) -> dict:
    return {
        name: value for name, value in form.cleaned_data.items() if name not in _NOT_PAGE_FIELDS
    }


def _brief_save_draft(request, form, criteria, *, index_page=None, challenge=None):
    """ "Save draft": the brief as typed, only the title required; None when it cannot be kept."""
    defer_required_fields(form, keep=("title",))
    if not form.is_valid():
        messages.error(request, _("The draft was not saved yet: please correct the errors below."))
        return None
    try:
        return services.challenge_brief_draft_save(
            user=request.user,
            index_page=index_page,
            page=challenge,
            fields=_brief_fields(form),
            themes=form.cleaned_data["themes"],
            sdgs=form.cleaned_data["sdgs"],
            criteria=criteria.draft_criteria,
            new_agency=form.new_agency,
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
        return None


def _brief_draft_saved(request, page):
    messages.success(
        request,
        _(
            "Draft saved. Only you can see it; nothing is sent to the moderators until you "
            "press “Send for review”. Continue editing below, or come back from your dashboard."
        ),
    )
    return redirect("challenges:brief_edit", challenge_id=page.pk)


def _brief_sent(request, form, criteria, send, *, not_sent: str):
    """The response of ``send()`` once the form (and the criteria, when the screen has them)
    are valid, else None after saying why: a refusal from the service or ``not_sent``. The
    caller then renders the form again with status 400, keeping what was typed."""
    if form.is_valid() and (criteria is None or criteria.is_valid()):
        try:
            return send()
        except ValidationError as error:
            messages.error(request, error_text(error))
            return None
    messages.error(request, not_sent)
    return None


@login_required
def brief_create(request):
    if not permissions.can_submit_brief(request.user):
        return render(request, "challenges/brief_not_allowed.html", status=403)
    index_page = ChallengeIndexPage.objects.live().first()
    if index_page is None:
        raise Http404
    form = BriefForm(
        request.POST or None,
        initial={"agency": selectors.verified_agency_id(user=request.user)},
    )
    criteria = CriteriaFormSet(
        request.POST or None,
        prefix="criteria",
        initial=None
        if request.method == "POST"
        else [
            {"name": _("Feasibility within government constraints"), "weight": 40},
            {"name": _("Quality of evidence and method"), "weight": 35},
            {"name": _("Team experience"), "weight": 25},
        ],
    )
    status = 200
    if markdown_preview_requested(request):
        show_markdown_previews(form)
    elif draft_requested(request):
        page = _brief_save_draft(request, form, criteria, index_page=index_page)
        if page is not None:
            return _brief_draft_saved(request, page)
        status = 400
    elif request.method == "POST":
        status = 400

        def send():
            page = services.challenge_brief_submit(
                user=request.user,
                index_page=index_page,
                fields=_brief_fields(form),
                themes=form.cleaned_data["themes"],
                sdgs=form.cleaned_data["sdgs"],
                criteria=criteria.criteria,
                new_agency=form.new_agency,
            )
            messages.success(
                request,
                _(
                    "Your brief “%(title)s” was sent to the moderators. We will email you when it is published."
                )
                % {"title": page.title},
            )
            return redirect("challenges:brief_submitted", challenge_id=page.pk)

        sent = _brief_sent(
            request,
            form,
            criteria,
            send,
            not_sent=_("The brief was not sent yet: please correct the errors below."),
        )
        if sent is not None:
            return sent
    return render(
        request, "challenges/brief_form.html", {"form": form, "criteria": criteria}, status=status
    )


@login_required
def brief_submitted(request, challenge_id: int):
    challenge = get_object_or_404(ChallengePage, pk=challenge_id, owners=request.user)
    return render(
        request,
        "challenges/brief_submitted.html",
        {"challenge": challenge, "moderation": moderation_status(challenge)},
    )


@login_required
def brief_edit(request, challenge_id: int):
    """An owner continues a draft or revises an unpublished brief (e.g. after moderators asked
    for changes)."""
    challenge = get_object_or_404(ChallengePage, pk=challenge_id, owners=request.user, live=False)
    if not permissions.can_submit_brief(request.user):
        raise Http404
    moderation = moderation_status(challenge)
    if not moderation.can_edit:
        messages.info(
            request,
            _("This brief is with the moderators; you can change it if they ask for changes."),
        )
        return redirect("challenges:brief_submitted", challenge_id=challenge.pk)
    draft = challenge.get_latest_revision_as_object()
    form = BriefForm(request.POST or None, instance=draft)
    criteria = CriteriaFormSet(
        request.POST or None,
        prefix="criteria",
        initial=None
        if request.method == "POST"
        else [
            # A draft may hold a criterion whose weight was not typed yet (stored as 0).
            {"name": c.name, "description": c.description, "weight": c.weight or None}
            for c in draft.judging_criteria.all()
        ],
    )
    status = 200
    if markdown_preview_requested(request):
        show_markdown_previews(form)
    elif draft_requested(request):
        page = _brief_save_draft(request, form, criteria, challenge=challenge)
        if page is not None:
            return _brief_draft_saved(request, page)
        status = 400
    elif request.method == "POST":
        status = 400

        def send():
            services.challenge_brief_resubmit(
                page=challenge,
                user=request.user,
                fields=_brief_fields(form),
                themes=form.cleaned_data["themes"],
                sdgs=form.cleaned_data["sdgs"],
                criteria=criteria.criteria,
                new_agency=form.new_agency,
            )
            messages.success(request, _("Your brief was sent to the moderators."))
            return redirect("challenges:brief_submitted", challenge_id=challenge.pk)

        sent = _brief_sent(
            request,
            form,
            criteria,
            send,
            not_sent=_("The brief was not sent yet: please correct the errors below."),
        )
        if sent is not None:
            return sent
    return render(
        request,
        "challenges/brief_form.html",
        {"form": form, "criteria": criteria, "challenge": challenge, "moderation": moderation},
        status=status,
    )


@login_required
def brief_revise(request, challenge_id: int):
    """An owner (or moderator) changes a published brief; the moderators approve the change
    before the live page shows it."""
    challenge = managed_challenge(request, challenge_id)
    moderation = selectors.published_brief_moderation(challenge)
    if moderation.code == "in-moderation":
        messages.info(
            request,
            _(
                "Your earlier changes are with the moderators. The brief stays as published "
                "until they decide; you can change it again after that."
            ),
        )
        return HttpResponseRedirect(challenge.url)
    form = PublishedBriefForm(
        request.POST or None, instance=services.brief_revision_base(challenge, moderation)
    )
    status = 200
    if markdown_preview_requested(request):
        show_markdown_previews(form)
    elif request.method == "POST":
        status = 400

        def send():
            services.challenge_brief_revise(
                page=challenge,
                user=request.user,
                fields=_brief_fields(form),
                themes=form.cleaned_data["themes"],
                sdgs=form.cleaned_data["sdgs"],
                new_agency=form.new_agency,
            )
            messages.success(
                request,
                _(
                    "Your changes were sent to the moderators. The brief stays as it is "
                    "until they approve them; we will email you their decision."
                ),
            )
            return HttpResponseRedirect(challenge.url)

        sent = _brief_sent(
            request,
            form,
            None,
            send,
            not_sent=_("The changes were not sent yet: please correct the errors below."),
        )
        if sent is not None:
            return sent
    return render(
        request,
        "challenges/brief_form.html",
        {
            "form": form,
            "challenge": challenge,
            "moderation": moderation,
            "published": True,
            "trail": challenge_crumbs(challenge, (_("Edit the brief"), "")),
        },
        status=status,
    )
