"""A person asks to be verified as a policymaker."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from challenges import permissions, services
from challenges.forms import VerificationRequestForm
from challenges.models import PolicymakerVerification, VerificationStatus
from challenges.views.access import error_text


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
            messages.error(request, error_text(error))
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
