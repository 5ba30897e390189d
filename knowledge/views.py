"""Knowledge base views: facet browsing context, citations, partner submissions."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.addresses import page_full_url
from core.fields import render_stored_markdown
from core.forms import (
    defer_required_fields,
    draft_requested,
    markdown_preview_requested,
    show_markdown_previews,
)
from core.languages import page_own_url
from core.moderation import moderation_status

from . import selectors
from .citations import to_bibtex, to_plain, to_ris
from .forms import CaseStudySubmissionForm
from .models import CaseStudyPage
from .permissions import can_submit_case_study
from .services import (
    case_study_draft_save,
    case_study_resubmit,
    case_study_submit,
    knowledge_index,
)

PAGE_SIZE = 12


def _query_string(filters: dict, sort: str, **changes) -> str:
    params = [(key, value) for key, values in filters.items() for value in values]
    if sort != selectors.DEFAULT_SORT:
        params.append(("sort", sort))
    return "?" + urlencode(params) if params else "?"


def knowledge_index_context(page, request) -> dict:
    """Facets, results and the links that add or remove each filter (URL keeps the state)."""
    raw = {key: request.GET.getlist(key) for key in selectors.FACET_KEYS}
    filters = selectors.clean_filters(raw)
    sort = request.GET.get("sort", selectors.DEFAULT_SORT)
    if sort not in selectors.SORTS:
        sort = selectors.DEFAULT_SORT
    results = selectors.knowledge_browse(filters, sort=sort)
    paginator = Paginator(results.pages, PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    items = selectors.knowledge_cards(page_obj.object_list)
    if "language" in filters:
        # The reader chose these languages: a card leads to the version it shows, not to the
        # translation in the interface's language (where a card otherwise leads).
        for item in items:
            item.card_url = page_own_url(item, request)

    active = []
    for facet in results.facets:
        for option in facet.options:
            toggled = {k: list(v) for k, v in filters.items()}
            values = toggled.setdefault(facet.key, [])
            if option.selected:
                values.remove(option.value)
            else:
                values.append(option.value)
            option.url = _query_string({k: v for k, v in toggled.items() if v}, sort)
            if option.selected:
                active.append(
                    {
                        "facet": facet.label,
                        "label": option.label,
                        "language": option.language,
                        "url": option.url,
                    }
                )
    feeds = []
    if list(filters) == ["theme"] and len(filters["theme"]) == 1:
        slug = filters["theme"][0]
        feeds = [
            ("RSS", reverse("knowledge:feed_theme_rss", args=[slug])),
            ("Atom", reverse("knowledge:feed_theme_atom", args=[slug])),
        ]
    elif list(filters) == ["country"] and len(filters["country"]) == 1:
        code = filters["country"][0]
        feeds = [
            ("RSS", reverse("knowledge:feed_country_rss", args=[code])),
            ("Atom", reverse("knowledge:feed_country_atom", args=[code])),
        ]
    return {
        "filtered_feeds": feeds,
        "facets": results.facets,
        "results_total": results.total,
        "results_page": page_obj,
        "items": items,
        "filters": filters,
        "active_filters": active,
        "sort": sort,
        "sorts": [(key, label) for key, (label, _order) in selectors.SORTS.items()],
        "clear_url": _query_string({}, sort),
        "filter_params": [(key, value) for key, values in filters.items() for value in values],
        "can_submit": can_submit_case_study(request.user),
    }


CITATION_FORMATS = {
    "bibtex": (to_bibtex, "application/x-bibtex; charset=utf-8", "bib"),
    "ris": (to_ris, "application/x-research-info-systems; charset=utf-8", "ris"),
    "plain": (to_plain, "text/plain; charset=utf-8", "txt"),
}


def citation_response(request, page, citation_format: str) -> HttpResponse:
    if citation_format not in CITATION_FORMATS:
        raise Http404
    render_citation, content_type, extension = CITATION_FORMATS[citation_format]
    body = render_citation(page, url=page_full_url(page, request))
    response = HttpResponse(body, content_type=content_type)
    disposition = "inline" if citation_format == "plain" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{page.slug}.{extension}"'
    return response


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


def dashboard_panel(request):
    """The partner's submissions on /dashboard/ (hidden for people who cannot submit)."""
    user = request.user
    if not user.is_authenticated:
        return None
    submissions = list(selectors.submissions_by(user)[:8])
    if not submissions and not can_submit_case_study(user):
        return None
    return {
        "title": _("Your case study submissions"),
        "template": "knowledge/dashboard_panel.html",
        "submissions": [(page, moderation_status(page)) for page in submissions],
        "can_submit": can_submit_case_study(user),
    }
