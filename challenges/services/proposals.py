"""A lab team's proposal to a challenge: started, edited, submitted and withdrawn before the
deadline, with its private attachments."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from challenges import permissions, selectors
from challenges.models import (
    PROPOSAL_ATTACHMENT_POLICY,
    ChallengePage,
    Proposal,
    ProposalAttachment,
    ProposalMember,
    ProposalStatus,
)
from core.emails import email_after_commit
from labs.models import LabMembership


class DeadlinePassed(Exception):
    """The challenge no longer takes proposals: nothing may be submitted or edited."""


def _ensure_open(challenge: ChallengePage, *, now=None) -> None:
    """The one deadline check, on the server clock, compared as aware datetimes."""
    if not challenge.accepts_proposals_at(now or timezone.now()):
        raise DeadlinePassed(
            _("This challenge no longer accepts proposals: the deadline has passed.")
        )


def _ensure_editable(proposal: Proposal) -> None:
    """The team's changes stop at the deadline (``DeadlinePassed``) and once it is decided."""
    now = timezone.now()
    _ensure_open(proposal.challenge, now=now)
    if not selectors.proposal_still_editable(proposal, now=now):
        raise ValidationError(_("This proposal can no longer be changed."))


def _lab_member_ids(lab) -> set[int]:
    return set(LabMembership.objects.filter(lab=lab).values_list("user_id", flat=True))


@transaction.atomic
def proposal_start(*, challenge: ChallengePage, lab, user, title: str, role: str = "") -> Proposal:
    """A lab member starts their team's draft. One proposal per lab and challenge."""
    _ensure_open(challenge)
    if lab.pk not in permissions.lab_ids_of(user):
        raise PermissionDenied
    if challenge.is_owner(user):
        raise ValidationError(_("Owners of a challenge cannot propose to it."))
    existing = Proposal.objects.filter(challenge=challenge, lab=lab).first()
    if existing is not None:
        if not permissions.is_team_member(user, existing):
            raise ValidationError(
                _("Your lab already has a proposal for this challenge. Ask its team to add you.")
            )
        return existing
    try:
        with transaction.atomic():
            proposal = Proposal.objects.create(
                challenge=challenge, lab=lab, title=title, summary="", approach="", work_plan="",
                created_by=user,
            )  # fmt: skip
    except IntegrityError as error:
        raise ValidationError(_("Your lab already has a proposal for this challenge.")) from error
    ProposalMember.objects.create(proposal=proposal, user=user, role=role or _("Team lead"))
    return proposal


@transaction.atomic
def proposal_update(
    *, proposal: Proposal, user, fields: dict, members: list[tuple] | None = None
) -> Proposal:
    """Edit the team's proposal. ``members`` replaces the team (user, role) list; the editor stays."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not permissions.is_team_member(user, proposal):
        raise PermissionDenied
    _ensure_editable(proposal)
    for name, value in fields.items():
        setattr(proposal, name, value)
    proposal.save()
    if members is not None:
        allowed = _lab_member_ids(proposal.lab)
        wanted = {member.pk: (member, role) for member, role in members if member.pk in allowed}
        if user.pk not in wanted:
            current = proposal.members.filter(user=user).first()
            wanted[user.pk] = (user, current.role if current else _("Team member"))
        proposal.members.exclude(user_id__in=wanted).delete()
        for member, role in wanted.values():
            ProposalMember.objects.update_or_create(
                proposal=proposal, user=member, defaults={"role": role or _("Team member")}
            )
    return proposal


@transaction.atomic
def proposal_submit(*, proposal: Proposal, user) -> Proposal:
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not permissions.is_team_member(user, proposal):
        raise PermissionDenied
    _ensure_open(proposal.challenge)
    missing = [
        label
        for label, value in (
            (_("summary"), proposal.summary),
            (_("approach"), proposal.approach),
            (_("timeline and work plan"), proposal.work_plan),
        )
        if not value.strip()
    ]
    if missing:
        raise ValidationError(
            _("Fill in the %(fields)s before submitting.") % {"fields": ", ".join(missing)}
        )
    if proposal.status == ProposalStatus.SUBMITTED:
        return proposal
    if proposal.status != ProposalStatus.DRAFT:
        raise ValidationError(_("This proposal can no longer be changed."))
    proposal.status = ProposalStatus.SUBMITTED
    proposal.submitted_at = timezone.now()
    proposal.save(update_fields=["status", "submitted_at", "updated_at"])
    challenge = proposal.challenge
    team = [member.user.email for member in proposal.members.select_related("user")]
    owners = [owner.email for owner in challenge.owners.all()]
    email_after_commit(
        to=team,
        template="challenges/emails/proposal_submitted_team",
        context={"challenge": challenge, "proposal": proposal},
    )
    email_after_commit(
        to=owners,
        template="challenges/emails/proposal_submitted_owner",
        context={"challenge": challenge, "proposal": proposal},
    )
    return proposal


@transaction.atomic
def proposal_withdraw(*, proposal: Proposal, user) -> Proposal:
    """Back to a draft (before the deadline), so the team can rework it or leave it."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not permissions.is_team_member(user, proposal):
        raise PermissionDenied
    _ensure_open(proposal.challenge)
    if proposal.status != ProposalStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted proposal can be withdrawn."))
    proposal.status = ProposalStatus.DRAFT
    proposal.submitted_at = None
    proposal.save(update_fields=["status", "submitted_at", "updated_at"])
    return proposal


@transaction.atomic
def proposal_attachment_add(
    *, proposal: Proposal, user, upload: UploadedFile
) -> ProposalAttachment:
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not permissions.is_team_member(user, proposal):
        raise PermissionDenied
    _ensure_editable(proposal)
    PROPOSAL_ATTACHMENT_POLICY.check(upload)
    return ProposalAttachment.objects.create(
        proposal=proposal,
        file=upload,
        original_name=upload.name[:255],
        size=upload.size,
        uploaded_by=user,
    )


@transaction.atomic
def proposal_attachment_remove(*, attachment: ProposalAttachment, user) -> None:
    proposal = attachment.proposal
    if not permissions.is_team_member(user, proposal):
        raise PermissionDenied
    _ensure_open(proposal.challenge)
    attachment.file.delete(save=False)
    attachment.delete()
