"""Reads about people."""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

User = get_user_model()


def visible_profile_owner(*, username: str, viewer) -> User | None:
    """The user whose profile ``viewer`` may see, or None (answered as 404)."""
    user = (
        User.objects.filter(username=username, deleted_at__isnull=True, is_active=True)
        .select_related("profile", "profile__country")
        .first()
    )
    if user is None or not hasattr(user, "profile"):
        return None
    if user.profile.is_public or viewer == user:
        return user
    return None


def public_people() -> QuerySet:
    return User.objects.filter(
        deleted_at__isnull=True, is_active=True, profile__is_public=True
    ).select_related("profile")
