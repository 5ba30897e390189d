"""Following a challenge, its questions and answers, the owners' updates and deadline moves."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from challenges import services
from challenges.forms import AnswerForm, DeadlineExtendForm, QuestionForm, UpdateForm
from challenges.models import ChallengeQuestion
from challenges.views.access import challenge_crumbs, live_challenge, managed_challenge
from core.submissions import submit_once


@login_required
@require_POST
def follow_toggle(request, challenge_id: int):
    challenge = live_challenge(challenge_id)
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
    challenge = live_challenge(challenge_id)
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
    challenge = managed_challenge(request, challenge_id)
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
    challenge = managed_challenge(request, challenge_id)
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
            "trail": challenge_crumbs(challenge, (_("Post an update"), "")),
        },
    )


@login_required
def deadline_extend(request, challenge_id: int):
    """Owners and moderators move the proposal deadline; teams and followers are emailed."""
    challenge = managed_challenge(request, challenge_id)
    form = DeadlineExtendForm(
        request.POST or None, initial={"new_deadline": challenge.proposals_close_at}
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.challenge_deadline_extend(
                    challenge=challenge,
                    user=request.user,
                    new_deadline=form.cleaned_data["new_deadline"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                form.add_error("new_deadline", error)
            else:
                messages.success(
                    request,
                    _("The deadline is moved; teams with proposals and followers were emailed."),
                )
                return HttpResponseRedirect(f"{challenge.url}#updates")
    return render(
        request,
        "challenges/deadline_form.html",
        {
            "challenge": challenge,
            "form": form,
            "trail": challenge_crumbs(challenge, (_("Move the deadline"), "")),
        },
        status=status,
    )
