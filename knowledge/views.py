"""Knowledge base views: partners submit, edit and follow their case studies."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.fields import render_stored_markdown
from core.forms import (
    defer_required_fields,
    draft_requested,
    markdown_preview_requested,
    show_markdown_previews,
)
from core.moderation import moderation_status

from . import selectors
from .forms import CaseStudySubmissionForm
from .models import CaseStudyPage
from .permissions import can_submit_case_study
from .services import (
    case_study_draft_save,
    case_study_resubmit,
    case_study_submit,
    knowledge_index,
)


def _forbidden(request):
    return render(request, "knowledge/submission_forbidden.html", status=403)


def _own_submission(request, pk: int) -> CaseStudyPage:
    """A submission of the requesting person; anyone else's answers 404."""
    return get_object_or_404(CaseStudyPage, pk=pk, submitted_by=request.user)


def _save_draft(request, form, *, page=None):
    """ "Save draft": what was typed, only the title required; a redirect, or None."""
    defer_required_fields(form, keep=("title",))
    if not form.is_valid():
        messages.error(request, _("The draft was not saved yet: please correct the errors."))
        return None
    data = dict(form.cleaned_data)
    files = data.pop("attachments", [])
    page = case_study_draft_save(user=request.user, data=data, files=files, page=page)
    messages.success(
        request,
        _(
            "Draft saved. Only you can see it; nothing is sent to the moderators until you "
            "press “Send to the moderators”. Continue editing below, or come back from your "
            "submissions."
        ),
    )
    return redirect("knowledge:submission_edit", pk=page.pk)


@login_required
def submission_create(request):
    if not can_submit_case_study(request.user):
        return _forbidden(request)
    if knowledge_index() is None:
        raise Http404("The knowledge base has not been set up yet.")
    form = CaseStudySubmissionForm(request.POST or None, request.FILES or None)
    status = 200
    if markdown_preview_requested(request):
        show_markdown_previews(form)
    elif draft_requested(request):
        saved = _save_draft(request, form)
        if saved is not None:
            return saved
        status = 400
    elif request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        files = data.pop("attachments", [])
        page = case_study_submit(user=request.user, data=data, files=files)
        messages.success(
            request,
            _(
                "Thank you. “%(title)s” was sent to the moderators; we will email you when "
                "they have reviewed it."
            )
            % {"title": page.title},
        )
        return redirect("knowledge:submission", pk=page.pk)
    elif request.method == "POST":
        status = 400
        messages.error(request, _("Your case study was not sent yet: please correct the errors."))
    return render(
        request,
        "knowledge/submission_form.html",
        {"form": form, "is_resubmission": False},
        status=status,
    )


@login_required
def submission_detail(request, pk: int):
    page = _own_submission(request, pk)
    revision = page.get_latest_revision()
    draft = revision.as_object() if revision else page
    # Revisions saved before the HTML was stored carry none; render those sections once here.
    render_stored_markdown(draft, only_missing=True)
    return render(
        request,
        "knowledge/submission_detail.html",
        {"submission": page, "draft": draft, "status": moderation_status(page)},
    )


@login_required
def submission_edit(request, pk: int):
    page = _own_submission(request, pk)
    if not can_submit_case_study(request.user):
        return _forbidden(request)
    status = moderation_status(page)
    if not status.can_edit:
        messages.info(
            request,
            _("This submission cannot be changed now: %(state)s.") % {"state": status.label},
        )
        return redirect("knowledge:submission", pk=page.pk)
    revision = page.get_latest_revision()
    draft = revision.as_object() if revision else page
    form = CaseStudySubmissionForm(
        request.POST or None,
        request.FILES or None,
        initial=CaseStudySubmissionForm.initial_from_page(draft),
    )
    response_status = 200
    if markdown_preview_requested(request):
        show_markdown_previews(form)
    elif draft_requested(request):
        saved = _save_draft(request, form, page=page)
        if saved is not None:
            return saved
        response_status = 400
    elif request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        files = data.pop("attachments", [])
        case_study_resubmit(page=page, user=request.user, data=data, files=files)
        messages.success(request, _("Your case study was sent to the moderators."))
        return redirect("knowledge:submission", pk=page.pk)
    elif request.method == "POST":
        response_status = 400
        messages.error(request, _("Your changes were not sent yet: please correct the errors."))
    return render(
        request,
        "knowledge/submission_form.html",
        {"form": form, "is_resubmission": True, "submission": page, "status": status},
        status=response_status,
    )


@login_required
def submission_list(request):
    submissions = [
        (page, moderation_status(page)) for page in selectors.submissions_by(request.user)
    ]
    return render(
        request,
        "knowledge/submission_list.html",
        {"submissions": submissions, "can_submit": can_submit_case_study(request.user)},
    )
