"""Non-page views of the challenges app, plus the context builders of its two page types.

Views stay thin: they check permissions (404 for anything the person may not read), bind
forms, call services and redirect with a message.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.facets import toggle_url
from core.files import file_response
from core.forms import (
    defer_required_fields,
    draft_requested,
    markdown_preview_requested,
    show_markdown_previews,
)
from core.moderation import moderation_status
from core.paging import page_of
from core.submissions import submit_once

from . import permissions, selectors, services
from .forms import (
    AgencyResponseForm,
    AnswerForm,
    AttachmentForm,
    BriefForm,
    ChallengeStateForm,
    CriteriaFormSet,
    FeedbackForm,
    ProposalForm,
    ProposalStartForm,
    QuestionForm,
    ReviewerInviteForm,
    ReviewForm,
    TeamFormSet,
    UpdateForm,
    VerificationRequestForm,
)
from .models import (
    ChallengeFollower,
    ChallengeIndexPage,
    ChallengePage,
    ChallengeQuestion,
    ChallengeStatus,
    PolicymakerVerification,
    Proposal,
    ProposalAttachment,
    ProposalStatus,
    Review,
    ReviewerInvitation,
    VerificationStatus,
)

PAGE_SIZE = 12
#: Rows per page of the owner's ranked proposals and of a reviewer's list.
PROPOSALS_PER_PAGE = 25


# --- page contexts ---------------------------------------------------------------------------------


def challenge_index_context(*, request, index_page: ChallengeIndexPage) -> dict:
    filters = selectors.ChallengeFilters.from_query(request.GET)
    now = timezone.now()
    challenges = selectors.challenge_list(filters=filters, now=now)
    page_obj = Paginator(challenges, PAGE_SIZE).get_page(request.GET.get("page"))
    for challenge in page_obj:
        challenge.badge_variant = _badge(challenge.computed_status)
        challenge.status_label = ChallengeStatus(challenge.computed_status).label
    facets = selectors.challenge_facets(filters=filters, now=now)
    for name, options in facets.items():
        for option in options:
            option.url = toggle_url(request.GET, name, option.value)
    scope_urls = {scope: _scope_url(request.GET, scope) for scope in ("current", "archive", "all")}
    return {
        "filters": filters,
        "facet_groups": [
            (name, title, facets[name]) for name, title in FACET_TITLES.items() if facets[name]
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
    "province": _lazy("Province or state"),
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
    from .models.pages import STATUS_BADGES

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


def challenge_page_context(*, request, challenge: ChallengePage) -> dict:
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
        from knowledge.models import FindingPage

        findings = list(
            FindingPage.objects.live()
            .public()
            .filter(source_challenge=challenge)
            .order_by("-first_published_at")
        )
    return {
        "status": challenge.status,
        "status_badge": challenge.status_badge,
        "timeline": challenge.timeline_phases(),
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
        "is_reviewer": bool(challenge.pk) and permissions.is_invited_reviewer(user, challenge),
        "own_proposals": own_proposals,
        "can_start_proposal": bool(proposable_labs)
        and challenge.accepts_proposals
        and not challenge.is_owner(user),
        "selected_proposals": selected,
        "findings": findings,
        "agency_responses": list(challenge.agency_responses.all()) if challenge.pk else [],
        "outcome": getattr(challenge, "outcome", None) if challenge.pk else None,
    }


# --- helpers ------------------------------------------------------------------------------------


def _live_challenge(challenge_id: int) -> ChallengePage:
    return get_object_or_404(ChallengePage.objects.live().public(), pk=challenge_id)


def _managed_challenge(request, challenge_id: int) -> ChallengePage:
    """A challenge the person manages, else 404 (never reveal management screens exist)."""
    challenge = _live_challenge(challenge_id)
    if not permissions.can_manage_challenge(request.user, challenge):
        raise Http404
    return challenge


def _readable_proposal(request, proposal_id: int) -> Proposal:
    proposal = get_object_or_404(
        Proposal.objects.select_related("challenge", "lab"), pk=proposal_id
    )
    if not permissions.can_read_proposal(request.user, proposal):
        raise Http404
    return proposal


def _team_proposal(request, proposal_id: int) -> Proposal:
    proposal = get_object_or_404(
        Proposal.objects.select_related("challenge", "lab"), pk=proposal_id
    )
    if not permissions.is_team_member(request.user, proposal):
        raise Http404
    return proposal


def _error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def _challenge_crumbs(challenge: ChallengePage, *tail) -> list[tuple[str, str]]:
    index = challenge.get_parent()
    return [(index.title, index.url), (challenge.title, challenge.url), *tail]


# --- policymaker verification -------------------------------------------------------------------------


@login_required
def verification_request(request):
    current = PolicymakerVerification.objects.filter(user=request.user).first()
    verified = permissions.is_verified_policymaker(request.user)
    pending = current is not None and current.status == VerificationStatus.PENDING
    form = VerificationRequestForm(request.POST or None, initial={"official_email": ""})
    if request.method == "POST" and not verified and not pending and form.is_valid():
        try:
            services.policymaker_verification_request(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(
                request,
                _("Thank you. A moderator will check your details and email you the decision."),
            )
            return redirect("challenges:verification_request")
    return render(
        request,
        "challenges/verification_request.html",
        {"form": form, "current": current, "verified": verified, "pending": pending},
    )


# --- briefs ------------------------------------------------------------------------------------------


def _brief_fields(form) -> dict:
    return {
        name: value for name, value in form.cleaned_data.items() if name not in ("themes", "sdgs")
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
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
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


@login_required
def brief_create(request):
    if not permissions.can_submit_brief(request.user):
        return render(request, "challenges/brief_not_allowed.html", status=403)
    index_page = ChallengeIndexPage.objects.live().first()
    if index_page is None:
        raise Http404
    form = BriefForm(request.POST or None)
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
        if form.is_valid() and criteria.is_valid():
            try:
                page = services.challenge_brief_submit(
                    user=request.user,
                    index_page=index_page,
                    fields=_brief_fields(form),
                    themes=form.cleaned_data["themes"],
                    sdgs=form.cleaned_data["sdgs"],
                    criteria=criteria.criteria,
                )
            except ValidationError as error:
                messages.error(request, _error_text(error))
            else:
                messages.success(
                    request,
                    _(
                        "Your brief “%(title)s” was sent to the moderators. We will email you when it is published."
                    )
                    % {"title": page.title},
                )
                return redirect("challenges:brief_submitted", challenge_id=page.pk)
        else:
            messages.error(
                request, _("The brief was not sent yet: please correct the errors below.")
            )
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
        if form.is_valid() and criteria.is_valid():
            try:
                services.challenge_brief_resubmit(
                    page=challenge,
                    user=request.user,
                    fields=_brief_fields(form),
                    themes=form.cleaned_data["themes"],
                    sdgs=form.cleaned_data["sdgs"],
                    criteria=criteria.criteria,
                )
            except ValidationError as error:
                messages.error(request, _error_text(error))
            else:
                messages.success(request, _("Your brief was sent to the moderators."))
                return redirect("challenges:brief_submitted", challenge_id=challenge.pk)
        else:
            messages.error(
                request, _("The brief was not sent yet: please correct the errors below.")
            )
    return render(
        request,
        "challenges/brief_form.html",
        {"form": form, "criteria": criteria, "challenge": challenge, "moderation": moderation},
        status=status,
    )


# --- follow, Q&A, updates ---------------------------------------------------------------------------


@login_required
@require_POST
def follow_toggle(request, challenge_id: int):
    challenge = _live_challenge(challenge_id)
    if request.POST.get("action") == "unfollow":
        services.challenge_unfollow(challenge=challenge, user=request.user)
        messages.success(request, _("You no longer follow this challenge."))
    else:
        services.challenge_follow(challenge=challenge, user=request.user)
        messages.success(
            request, _("You will get an email when this challenge has news or answers.")
        )
    return HttpResponseRedirect(challenge.url)


@login_required
@require_POST
def question_ask(request, challenge_id: int):
    challenge = _live_challenge(challenge_id)
    form = QuestionForm(request.POST)
    if form.is_valid():

        def ask() -> str:
            services.question_ask(
                challenge=challenge, user=request.user, body=form.cleaned_data["body"]
            )
            return f"{challenge.url}#questions"

        address, asked = submit_once(
            user=request.user, token=form.cleaned_data["submission_token"], act=ask
        )
        if asked:
            messages.success(
                request,
                _("Your question was sent to the challenge owner. Answers are published here."),
            )
        return HttpResponseRedirect(address or f"{challenge.url}#questions")
    context = challenge.get_context(request)
    context["question_form"] = form
    return render(request, challenge.get_template(request), context, status=400)


@login_required
@require_POST
def question_answer(request, challenge_id: int, question_id: int):
    challenge = _managed_challenge(request, challenge_id)
    question = get_object_or_404(ChallengeQuestion, pk=question_id, challenge=challenge)
    if request.POST.get("action") == "hide":
        services.question_hide(question=question, user=request.user)
        messages.success(request, _("The question is hidden."))
        return HttpResponseRedirect(f"{challenge.url}#questions")
    form = AnswerForm(request.POST, instance=ChallengeQuestion(pk=question.pk))
    if form.is_valid():
        services.question_answer(
            question=question, user=request.user, answer=form.cleaned_data["answer"]
        )
        messages.success(request, _("Your answer is published and followers were notified."))
    else:
        messages.error(request, _("Write an answer before publishing it."))
    return HttpResponseRedirect(f"{challenge.url}#question-{question.pk}")


@login_required
def update_create(request, challenge_id: int):
    challenge = _managed_challenge(request, challenge_id)
    form = UpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.challenge_update_post(
            challenge=challenge, author=request.user, **form.cleaned_data
        )
        messages.success(request, _("Update posted; followers were emailed."))
        return HttpResponseRedirect(f"{challenge.url}#updates")
    return render(
        request,
        "challenges/update_form.html",
        {
            "challenge": challenge,
            "form": form,
            "trail": _challenge_crumbs(challenge, (_("Post an update"), "")),
        },
    )


# --- proposals ---------------------------------------------------------------------------------------


@login_required
def proposal_start(request, challenge_id: int):
    challenge = _live_challenge(challenge_id)
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
            form.add_error("lab", _error_text(error) or _("You cannot propose for this lab."))
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
            "trail": _challenge_crumbs(challenge, (_("Start a proposal"), "")),
        },
    )


@login_required
def proposal_detail(request, proposal_id: int):
    proposal = _readable_proposal(request, proposal_id)
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
            "trail": _challenge_crumbs(challenge, (proposal.title, "")),
        },
    )


@login_required
def proposal_edit(request, proposal_id: int):
    proposal = _team_proposal(request, proposal_id)
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
                messages.error(request, _error_text(error))
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
            "trail": _challenge_crumbs(
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
        messages.error(request, _error_text(error))
    else:
        messages.success(request, success)
    return redirect(then, proposal_id=proposal.pk)


@login_required
@require_POST
def proposal_submit(request, proposal_id: int):
    proposal = _team_proposal(request, proposal_id)
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
    proposal = _team_proposal(request, proposal_id)
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
    proposal = _team_proposal(request, proposal_id)
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
    proposal = _team_proposal(request, proposal_id)
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
    proposal = _readable_proposal(request, proposal_id)
    attachment = get_object_or_404(ProposalAttachment, pk=attachment_id, proposal=proposal)
    return file_response(attachment.file, filename=attachment.original_name)


# --- reviewing --------------------------------------------------------------------------------------


@login_required
def review_list(request, challenge_id: int):
    challenge = _live_challenge(challenge_id)
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
            "trail": _challenge_crumbs(challenge, (_("Review proposals"), "")),
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
            messages.error(request, _error_text(error))
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
            "trail": _challenge_crumbs(
                challenge,
                (_("Review proposals"), reverse("challenges:review_list", args=[challenge.pk])),
                (proposal.title, ""),
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


# --- owner's console --------------------------------------------------------------------------------


@login_required
def manage(request, challenge_id: int):
    challenge = _managed_challenge(request, challenge_id)
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
            "trail": _challenge_crumbs(challenge, (_("Manage"), "")),
        },
    )


@login_required
@require_POST
def reviewer_invite(request, challenge_id: int):
    challenge = _managed_challenge(request, challenge_id)
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
    challenge = _managed_challenge(request, challenge_id)
    invitation = get_object_or_404(ReviewerInvitation, pk=invitation_id, challenge=challenge)
    services.reviewer_remove(invitation=invitation, removed_by=request.user)
    messages.success(request, _("Reviewer removed."))
    return redirect("challenges:manage", challenge_id=challenge.pk)


def _owner_proposal(request, proposal_id: int) -> Proposal:
    proposal = get_object_or_404(Proposal.objects.select_related("challenge"), pk=proposal_id)
    if not proposal.is_sent or not permissions.can_manage_challenge(
        request.user, proposal.challenge
    ):
        raise Http404
    return proposal


@login_required
@require_POST
def proposal_shortlist(request, proposal_id: int):
    proposal = _owner_proposal(request, proposal_id)
    shortlisted = request.POST.get("action") != "unshortlist"
    services.proposal_shortlist(proposal=proposal, by=request.user, shortlisted=shortlisted)
    messages.success(request, _("Shortlist updated."))
    return redirect("challenges:manage", challenge_id=proposal.challenge_id)


@login_required
@require_POST
def proposal_feedback(request, proposal_id: int):
    proposal = _owner_proposal(request, proposal_id)
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
    proposal = _owner_proposal(request, proposal_id)
    try:
        space = services.proposal_select(proposal=proposal, selected_by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
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
    challenge = _managed_challenge(request, challenge_id)
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


@login_required
@require_POST
def challenge_state(request, challenge_id: int):
    challenge = _managed_challenge(request, challenge_id)
    form = ChallengeStateForm(request.POST)
    if form.is_valid():
        services.challenge_state_set(challenge=challenge, by=request.user, **form.cleaned_data)
        messages.success(request, _("The challenge's state was updated."))
    return redirect("challenges:manage", challenge_id=challenge.pk)


@login_required
def response_create(request, challenge_id: int):
    challenge = _managed_challenge(request, challenge_id)
    form = AgencyResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.agency_response_record(challenge=challenge, by=request.user, **form.cleaned_data)
        messages.success(request, _("The agency's response is published on the challenge page."))
        return HttpResponseRedirect(f"{challenge.url}#outcome")
    return render(
        request,
        "challenges/response_form.html",
        {
            "challenge": challenge,
            "form": form,
            "trail": _challenge_crumbs(challenge, (_("Record the agency's response"), "")),
        },
        status=400 if request.method == "POST" else 200,
    )
