"""Reads about people."""

from django.contrib.auth import get_user_model

User = get_user_model()


def visible_profile_owner(*, username: str, viewer) -> User | None:
    """The user whose profile ``viewer`` may see, or None (answered as 404).

    The owner always sees their own page, even before a profile row exists (the view
    creates it); everyone else needs an existing, public profile of an active account.
    """
    user = (
        User.objects.filter(username=username, deleted_at__isnull=True, is_active=True)
        .select_related("profile", "profile__country")
        .first()
    )
    if user is None:
        return None
    if viewer.is_authenticated and viewer.pk == user.pk:
        return user
    profile = getattr(user, "profile", None)
    if profile is None or not profile.is_public:
        return None
    return user
