"""Who may submit case studies (ROLES.md: partner representatives and moderators)."""

from core.models import ProfileRole
from core.moderation import is_moderator


def can_submit_case_study(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if is_moderator(user):
        return True
    profile = getattr(user, "profile", None)
    return profile is not None and profile.role == ProfileRole.PARTNER
