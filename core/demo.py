"""Demo logins: the one way `seed_demo` makes a person (the site's people, the labs' leads)."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction

from .models import Country, Profile

DEMO_PASSWORD = "commons-demo-2026"  # noqa: S105 - published demo login, local only


@transaction.atomic
def demo_person_ensure(
    *,
    username: str,
    display_name: str,
    email: str,
    role: str,
    institution: str,
    country_code: str,
    public_fields: list[str],
    is_superuser: bool = False,
):
    """The demo person ``username``, created or brought back to the demo's values, with a
    verified primary address (so they can log in at once) and a profile.

    A password someone set on the demo site is kept; a new person gets ``DEMO_PASSWORD``.
    """
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": email, "display_name": display_name}
    )
    user.email = email
    user.display_name = display_name
    user.is_staff = is_superuser
    user.is_superuser = is_superuser
    if created or not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    Profile.objects.update_or_create(
        user=user,
        defaults={
            "role": role,
            "institution": institution,
            "country": Country.objects.get(code=country_code),
            "public_fields": public_fields,
        },
    )
    return user
