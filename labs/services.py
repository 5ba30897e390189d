"""Writes of the labs app. Keyword-only, typed, atomic; views and other apps call these."""

from django.db import transaction

from labs.models import ActivityVerb, ProjectSpace, SpaceActivity, SpaceMembership, SpaceRole


@transaction.atomic
def project_space_create(
    *, lab, title: str, goal: str, created_by, members=(), challenge=None
) -> ProjectSpace:
    """Create a private space in ``lab``; ``created_by`` becomes its owner.

    ``members`` is a sequence of ``(user, role)`` with role "owner", "member" or "observer".
    A person listed twice (or the creator listed again) gets one membership, keeping the
    strongest role. ``challenge`` is the challenges.ChallengePage the space answers, if any.
    """
    space = ProjectSpace.objects.create(lab=lab, title=title, goal=goal, created_by=created_by)
    if challenge is not None and hasattr(space, "challenge_id"):
        space.challenge = challenge
        space.save(update_fields=["challenge"])
    roles: dict = {}
    rank = {SpaceRole.OWNER: 0, SpaceRole.MEMBER: 1, SpaceRole.OBSERVER: 2}
    for user, role in [(created_by, SpaceRole.OWNER), *members]:
        role = SpaceRole(role)
        if user.pk not in roles or rank[role] < rank[roles[user.pk][1]]:
            roles[user.pk] = (user, role)
    for user, role in roles.values():
        SpaceMembership.objects.get_or_create(
            space=space, user=user, defaults={"role": role, "added_by": created_by}
        )
    SpaceActivity.objects.create(
        space=space, actor=created_by, verb=ActivityVerb.CREATED_SPACE, summary=title[:300]
    )
    return space
