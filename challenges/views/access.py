"""How the challenges views find what they act on: 404 for anything the person may not see."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404

from challenges import permissions
from challenges.models import ChallengePage, Proposal


def live_challenge(challenge_id: int) -> ChallengePage:
    return get_object_or_404(ChallengePage.objects.live().public(), pk=challenge_id)


def managed_challenge(request, challenge_id: int) -> ChallengePage:
    """A challenge the person manages, else 404 (never reveal management screens exist)."""
    challenge = live_challenge(challenge_id)
    if not permissions.can_manage_challenge(request.user, challenge):
        raise Http404
    return challenge


def proposal_for(request, proposal_id: int, *, allowed: Callable[..., bool]) -> Proposal:
    """The proposal if ``allowed(user, proposal)``, else 404 (never reveal that it exists).

    ``allowed`` is the rule of the screen: ``permissions.can_read_proposal`` to read it,
    ``permissions.is_team_member`` to work on it, ``sent_to_owner`` to decide on it.
    """
    proposal = get_object_or_404(
        Proposal.objects.select_related("challenge", "lab"), pk=proposal_id
    )
    if not allowed(request.user, proposal):
        raise Http404
    return proposal


def sent_to_owner(user, proposal: Proposal) -> bool:
    """A sent proposal, seen by someone who manages its challenge (drafts stay the team's)."""
    return proposal.is_sent and permissions.can_manage_challenge(user, proposal.challenge)


def error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def challenge_crumbs(challenge: ChallengePage, *tail) -> list[tuple[str, str]]:
    index = challenge.get_parent()
    return [(index.title, index.url), (challenge.title, challenge.url), *tail]
