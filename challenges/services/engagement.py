"""Around a published brief: followers, questions and answers, the owners' updates."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from challenges import permissions
from challenges.models import ChallengeFollower, ChallengePage, ChallengeQuestion, ChallengeUpdate
from core.emails import email_after_commit


def challenge_follow(*, challenge: ChallengePage, user) -> ChallengeFollower:
    follower, _created = ChallengeFollower.objects.get_or_create(challenge=challenge, user=user)
    return follower


def challenge_unfollow(*, challenge: ChallengePage, user) -> None:
    ChallengeFollower.objects.filter(challenge=challenge, user=user).delete()


def follower_emails(challenge: ChallengePage, *, exclude=()) -> list[str]:
    """Addresses of the challenge's active followers but ``exclude``: whom its news is sent to."""
    excluded = {user.pk for user in exclude if user is not None}
    return [
        follower.user.email
        for follower in challenge.followers.select_related("user")
        if follower.user_id not in excluded and follower.user.is_active
    ]


def followers_email(
    challenge: ChallengePage, *, exclude, template: str, context: dict, also_to=()
) -> None:
    """Send the challenge's news to its followers and the addresses ``also_to`` (but
    ``exclude``) once the change commits, each their own message: nobody sees who else
    follows. An address on both lists gets one message."""
    excluded = {user.email for user in exclude if user is not None}
    extra = [address for address in also_to if address and address not in excluded]
    email_after_commit(
        to=list(dict.fromkeys([*follower_emails(challenge, exclude=exclude), *extra])),
        template=template,
        context=context,
        one_each=True,
    )


@transaction.atomic
def question_ask(*, challenge: ChallengePage, user, body: str) -> ChallengeQuestion:
    if not challenge.live:
        raise PermissionDenied
    question = ChallengeQuestion.objects.create(challenge=challenge, asked_by=user, body=body)
    challenge_follow(challenge=challenge, user=user)
    owners = [owner.email for owner in challenge.owners.all() if owner.is_active]
    email_after_commit(
        to=owners,
        template="challenges/emails/question_asked",
        context={"challenge": challenge, "question": question},
    )
    return question


@transaction.atomic
def question_answer(*, question: ChallengeQuestion, user, answer: str) -> ChallengeQuestion:
    challenge = question.challenge
    if not permissions.can_manage_challenge(user, challenge):
        raise PermissionDenied
    first_answer = not question.is_answered
    question.answer = answer
    question.answered_by = user
    question.answered_at = timezone.now()
    question.save()
    if first_answer:
        followers_email(
            challenge,
            exclude=[user],
            template="challenges/emails/question_answered",
            context={"challenge": challenge, "question": question},
        )
    return question


@transaction.atomic
def question_hide(*, question: ChallengeQuestion, user) -> None:
    if not permissions.can_manage_challenge(user, question.challenge):
        raise PermissionDenied
    question.is_hidden = True
    question.save(update_fields=["is_hidden"])


@transaction.atomic
def challenge_update_post(
    *, challenge: ChallengePage, author, title: str, body: str
) -> ChallengeUpdate:
    if not permissions.can_manage_challenge(author, challenge):
        raise PermissionDenied
    update = ChallengeUpdate.objects.create(
        challenge=challenge, author=author, title=title, body=body
    )
    followers_email(
        challenge,
        exclude=[author],
        template="challenges/emails/challenge_update",
        context={"challenge": challenge, "update": update},
    )
    return update
