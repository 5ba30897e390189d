"""Moderators (the "Moderators" group) run the challenges admin: verification queue, proposed
agencies, agency responses and Q&A moderation. Model permissions only exist after migrate, so they are granted
from a post_migrate handler connected in ChallengesConfig.ready()."""

MODERATED_MODELS = (
    "policymakerverification",
    "proposedagency",
    "agencyresponse",
    "challengequestion",
)


def moderator_permissions_grant(**kwargs) -> None:
    from django.contrib.auth.models import Permission

    from core.moderation import moderators_group_ensure

    group = moderators_group_ensure()
    permissions = Permission.objects.filter(
        content_type__app_label="challenges",
        content_type__model__in=MODERATED_MODELS,
        codename__regex=r"^(add|change|view)_",
    )
    group.permissions.add(*permissions)
