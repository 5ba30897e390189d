"""The owners record what became of a challenge: its state and the agency's responses."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from challenges import services
from challenges.forms import AgencyResponseForm, ChallengeStateForm
from challenges.views.access import challenge_crumbs, managed_challenge


@login_required
@require_POST
def challenge_state(request, challenge_id: int):
    challenge = managed_challenge(request, challenge_id)
    form = ChallengeStateForm(request.POST)
    if form.is_valid():
        services.challenge_state_set(challenge=challenge, by=request.user, **form.cleaned_data)
        messages.success(request, _("The challenge's state was updated."))
    return redirect("challenges:manage", challenge_id=challenge.pk)


@login_required
def response_create(request, challenge_id: int):
    challenge = managed_challenge(request, challenge_id)
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
            "trail": challenge_crumbs(challenge, (_("Record the agency's response"), "")),
        },
        status=400 if request.method == "POST" else 200,
    )
