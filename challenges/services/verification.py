"""Policymaker verification: a request, and a moderator's decision emailed to the person."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from challenges import permissions
from challenges.models import PolicymakerVerification, VerificationStatus
from core.emails import email_after_commit
from core.models import Profile, ProfileRole
from core.moderation import moderator_email_addresses


@transaction.atomic
def policymaker_verification_request(
    *, user, agency_name: str, position: str, official_email: str, note: str = "", agency=None
) -> PolicymakerVerification:
    if permissions.is_verified_policymaker(user):
        raise ValidationError(_("You are already a verified policymaker."))
    if PolicymakerVerification.objects.filter(
        user=user, status=VerificationStatus.PENDING
    ).exists():
        raise ValidationError(_("Your request is already waiting for a moderator."))
    try:
        with transaction.atomic():
            verification = PolicymakerVerification.objects.create(
                user=user,
                agency=agency,
                agency_name=agency_name,
                position=position,
                official_email=official_email,
                note=note,
            )
    except IntegrityError as error:
        raise ValidationError(_("Your request is already waiting for a moderator.")) from error
    # The queue in the admin is only useful if someone looks at it: tell the moderators.
    email_after_commit(
        to=moderator_email_addresses(),
        template="challenges/emails/verification_requested",
        context={"verification": verification},
    )
    return verification


@transaction.atomic
def policymaker_verification_decide(
    *, verification: PolicymakerVerification, moderator, approve: bool, note: str = ""
) -> PolicymakerVerification:
    verification = PolicymakerVerification.objects.select_for_update().get(pk=verification.pk)
    if verification.status != VerificationStatus.PENDING:
        return verification
    verification.status = VerificationStatus.APPROVED if approve else VerificationStatus.DECLINED
    verification.decided_by = moderator
    verification.decided_at = timezone.now()
    verification.decision_note = note
    verification.save()
    if approve:
        Profile.objects.filter(user=verification.user).update(role=ProfileRole.POLICYMAKER)
    email_after_commit(
        to=[verification.user.email],
        template="challenges/emails/verification_decided",
        context={"verification": verification, "approved": approve},
    )
    return verification
