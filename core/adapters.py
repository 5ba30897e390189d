"""allauth adapter: public handles come from the person's name, never their email."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.ratelimit import respond_429
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.text import slugify


class AccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request, user):
        display_name = ""
        if request is not None and request.method == "POST":
            display_name = request.POST.get("display_name", "")
        user.username = unique_handle(display_name or "member")

    def pre_authenticate(self, request, **credentials):
        """Answer 429 once the failed-login budget is spent.

        allauth reports it as a form error with status 200, which password-guessing
        scripts read as "keep trying"; a real 429 also lets proxies and monitoring see it.
        The rate-limit page (429.html) tells people when and how to try again.
        """
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if error.code == "too_many_login_attempts" and request is not None:
                raise ImmediateHttpResponse(respond_429(request)) from error
            raise


def unique_handle(name: str) -> str:
    User = get_user_model()
    base = (slugify(name) or "member")[:40]
    candidate = base
    suffix = 2
    while User.objects.filter(username=candidate).exists():
        candidate = f"{base}-{suffix}"
        suffix += 1
    return candidate
