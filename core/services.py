"""Writes that concern people's accounts and profiles, and the site's own address."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.admin.localization import get_available_admin_languages
from wagtail.models import Site
from wagtail.users.models import UserProfile

from .addresses import site_origin
from .gazetteer import gazetteer_rows, place_slug
from .models import DEFAULT_PUBLIC_FIELDS, Country, Place, Profile, Region
from .page_cache import page_cache_purge_on_commit
from .signals import account_erased

User = get_user_model()


@transaction.atomic
def profile_create_for_signup(*, user, display_name: str, role: str, language: str) -> Profile:
    """``language`` is the interface language the person signed up in: their emails use it."""
    user.display_name = display_name.strip()
    user.save(update_fields=["display_name"])
    profile, _created = Profile.objects.get_or_create(
        user=user,
        defaults={
            "role": role,
            "language": language,
            "public_fields": list(DEFAULT_PUBLIC_FIELDS),
        },
    )
    if not _created and profile.role != role:
        profile.role = role
        profile.save(update_fields=["role"])
    _admin_language_follow(profile)
    return profile


@transaction.atomic
def profile_language_set(*, user, language: str) -> Profile:
    """The language chosen in the switcher becomes the person's language everywhere."""
    profile = profile_get_or_create(user=user)
    if profile.language != language:
        profile.language = language
        profile.save(update_fields=["language", "updated_at"])
        _admin_language_follow(profile)
    return profile


def _admin_language_follow(profile: Profile) -> None:
    """Wagtail's admin keeps its own language preference: the same one, where Wagtail ships a
    translation (WAGTAILADMIN_PERMITTED_LANGUAGES), else Wagtail's default (English)."""

    admin_codes = {code for code, _name in get_available_admin_languages()}
    admin_profile = UserProfile.get_for_user(profile.user)
    wanted = profile.language if profile.language in admin_codes else ""
    if admin_profile.preferred_language != wanted:
        admin_profile.preferred_language = wanted
        admin_profile.save(update_fields=["preferred_language"])


def profile_get_or_create(*, user) -> Profile:
    """The person's profile, created on first need.

    Sign-up creates one; people made another way (createsuperuser, the Wagtail admin,
    the shell) get theirs here with the default public fields, so no page fails for lack of it.
    """
    profile, _created = Profile.objects.get_or_create(
        user=user, defaults={"public_fields": list(DEFAULT_PUBLIC_FIELDS)}
    )
    return profile


@transaction.atomic
def profile_update(*, profile: Profile, display_name: str, form) -> Profile:
    """Save the profile form and the name kept on the user, together or not at all."""
    profile = form.save()
    user = profile.user
    user.display_name = display_name.strip()
    user.save(update_fields=["display_name"])
    _admin_language_follow(profile)
    return profile


@transaction.atomic
def account_delete(*, user) -> None:
    """Remove a person's personal data but keep the row, so what others need stays.

    Posts, proposals and history refer to the user row; after this they show
    "Former member". The email addresses and profile are deleted and the login is disabled.
    """

    emails = {user.email.lower()} | {
        address.lower()
        for address in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    }
    emails.discard("")
    EmailAddress.objects.filter(user=user).delete()
    Profile.objects.filter(user=user).delete()
    UserProfile.objects.filter(user=user).delete()  # Wagtail admin avatar and preferences
    user.groups.clear()
    user.user_permissions.clear()
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.display_name = ""
    user.username = f"former-member-{user.pk}"
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.deleted_at = timezone.now()
    user.set_unusable_password()
    user.save()
    account_erased.send(sender=user.__class__, user=user, emails=frozenset(emails))
    # Sessions end by themselves: the auth backend refuses inactive users on the next request
    # and the session hash no longer matches the new (unusable) password.


def site_sync_with_setting(*, using: str = "default"):
    """Make Wagtail's default Site answer at SITE_URL's host and port; return it (None if none).

    Wagtail builds the sitemap, the API's ``html_url`` and the links in its moderation emails
    from this record, so it must say what SITE_URL says. Runs after every ``migrate`` (the
    post_migrate handler in ``CoreConfig``) and in ``seed_demo``. Saving through the model
    clears Wagtail's cached site root paths.
    """

    origin = site_origin()
    with transaction.atomic(using=using):
        site = Site.objects.using(using).select_for_update().filter(is_default_site=True).first()
        if site is None or (site.hostname, site.port) == (origin.hostname, origin.port):
            return site
        site.hostname = origin.hostname
        site.port = origin.port
        site.save(using=using, update_fields=["hostname", "port"])
    return site


@transaction.atomic
def places_load(*, country_codes: list[str] | None = None) -> int:
    """Create or update the gazetteer's places (``core.gazetteer``) for ``country_codes``
    (default: the network's eight countries); returns how many rows were written.

    Idempotent and cheap to re-run: reads every existing place once and writes only what
    differs, in bulk, one level at a time (a child refers to its parent's id). Places are
    never deleted here: content may be tagged with them.
    """
    countries = Country.objects.filter(region=Region.SOUTH_ASIA)
    if country_codes is not None:
        countries = countries.filter(code__in=country_codes)
    country_by_code = {country.code: country for country in countries}
    existing = {place.code: place for place in Place.objects.all()}
    loaded: dict[str, Place] = {}
    written = 0
    rows = gazetteer_rows(sorted(country_by_code))
    for depth in sorted({row.depth for row in rows}):
        to_create, to_update = [], []
        for row in (row for row in rows if row.depth == depth):
            parent = loaded.get(row.parent_code)
            slug = place_slug(row.name)
            values = {
                "name": row.name,
                "country": country_by_code[row.country_code],
                "parent": parent,
                "level": row.level,
                "depth": depth,
                "path": f"{parent.path}/{row.code}" if parent else row.code,
                "url_path": (
                    f"{parent.url_path}/{slug}" if parent else f"{row.country_code.lower()}/{slug}"
                ),
                "ancestor_names": (
                    ", ".join(filter(None, [parent.name, parent.ancestor_names])) if parent else ""
                ),
            }
            place = existing.get(row.code)
            if place is None:
                place = Place(code=row.code, **values)
                to_create.append(place)
            elif any(getattr(place, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(place, name, value)
                to_update.append(place)
            loaded[row.code] = place
        Place.objects.bulk_create(to_create)
        Place.objects.bulk_update(to_update, [*_PLACE_LOADED_FIELDS])
        written += len(to_create) + len(to_update)
    if written:
        # Bulk writes send no model signal: what shows place names is rebuilt here.
        page_cache_purge_on_commit()
    return written


_PLACE_LOADED_FIELDS = (
    "name", "country", "parent", "level", "depth", "path", "url_path", "ancestor_names",
)  # fmt: skip
