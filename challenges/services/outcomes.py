"""What became of a challenge: the owners' state and the agency's recorded responses."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction

from challenges import permissions
from challenges.models import AgencyResponse, ChallengeOutcome, ChallengePage, ManualState
from challenges.services.engagement import followers_email


@transaction.atomic
def challenge_state_set(
    *, challenge: ChallengePage, by, state: str, note: str = ""
) -> ChallengeOutcome:
    if not permissions.can_manage_challenge(by, challenge):
        raise PermissionDenied
    outcome, _created = ChallengeOutcome.objects.get_or_create(challenge=challenge)
    outcome.manual_state = ManualState(state)
    if note:
        outcome.closing_note = note
    outcome.save()
    return outcome


@transaction.atomic
def agency_response_record(
    *,
    challenge: ChallengePage,
    by,
    kind: str,
    responded_on: date,
    statement: str,
    document_url: str = "",
) -> AgencyResponse:
    if not permissions.can_manage_challenge(by, challenge):
        raise PermissionDenied
    response = AgencyResponse.objects.create(
        challenge=challenge,
        kind=kind,
        responded_on=responded_on,
        statement=statement,
        document_url=document_url,
        recorded_by=by,
    )
    followers_email(
        challenge,
        exclude=[by],
        template="challenges/emails/agency_response",
        context={"challenge": challenge, "response": response},
    )
    return response
