"""allauth adapter: public handles come from the person's name, never their email."""

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth import get_user_model
from django.utils.text import slugify


class AccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request, user):
        display_name = ""
        if request is not None and request.method == "POST":
            display_name = request.POST.get("display_name", "")
        user.username = unique_handle(display_name or "member")


def unique_handle(name: str) -> str:
    User = get_user_model()
    base = (slugify(name) or "member")[:40]
    candidate = base
    suffix = 2
    while User.objects.filter(username=candidate).exists():
        candidate = f"{base}-{suffix}"
        suffix += 1
    return candidate
