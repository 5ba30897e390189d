"""Writes of the challenges app. Keyword-only, typed, atomic; views call these and nothing else."""

import logging
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from challenges import permissions, selectors
from challenges.models import (
    PROPOSAL_ATTACHMENT_POLICY,
    AgencyResponse,
    ChallengeFollower,
    ChallengeIndexPage,
    ChallengeOutcome,
    ChallengePage,
    ChallengeQuestion,
    ChallengeUpdate,
    CriterionScore,
    JudgingCriterion,
    ManualState,
    PolicymakerVerification,
    Proposal,
    ProposalAttachment,
    ProposalMember,
    ProposalStatus,
    Review,
    ReviewerInvitation,
    VerificationStatus,
)
from challenges.models.pages import validate_criteria_weights
from core.emails import email_after_commit, email_send, emails_after_commit
from core.models import Profile, ProfileRole
from core.moderation import moderation_status, moderation_submit, moderation_workflow_ensure
from core.slugs import script_slugify
from labs.models import LabMembership
from labs.services import project_space_create

logger = logging.getLogger("policylab.challenges")
User = get_user_model()


class DeadlinePassed(Exception):
    """The challenge no longer takes proposals: nothing may be submitted or edited."""


# --- policymaker verification ----------------------------------------------------------------


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


@transaction.atomic
def policymaker_verification_revoke(
    *, verification: PolicymakerVerification, moderator, note: str = ""
) -> PolicymakerVerification:
    verification.status = VerificationStatus.REVOKED
    verification.decided_by = moderator
    verification.decided_at = timezone.now()
    verification.decision_note = note
    verification.save()
    return verification


# --- briefs -------------------------------------------------------------------------------------


def _unique_child_slug(parent, title: str) -> str:
    base = script_slugify(title, fallback="challenge", max_length=70)
    slug, counter = base, 2
    while parent.get_children().filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


BRIEF_WORKFLOW_NAME = "Challenge brief review"
BRIEF_TASK_NAME = "Moderators review the challenge brief"


def brief_workflow_ensure():
    """The moderation workflow for challenge briefs (core.moderation), created on first use."""
    from knowledge.models import SubmissionReviewTask

    index = ChallengeIndexPage.objects.first()
    return moderation_workflow_ensure(
        name=BRIEF_WORKFLOW_NAME,
        task_model=SubmissionReviewTask,
        task_name=BRIEF_TASK_NAME,
        pages=[index] if index else [],
    )


def _apply_brief(page: ChallengePage, *, fields: dict, themes, sdgs, criteria) -> None:
    for name, value in fields.items():
        setattr(page, name, value)
    page.themes = list(themes)
    page.sdgs = list(sdgs)
    page.judging_criteria = [
        # A draft may hold a criterion without its weight yet (0 is shown as empty).
        JudgingCriterion(
            name=name, description=description, weight=weight or 0, sort_order=position
        )
        for position, (name, description, weight) in enumerate(criteria)
    ]


@transaction.atomic
def challenge_brief_submit(
    *,
    user,
    index_page: ChallengeIndexPage,
    fields: dict,
    themes=(),
    sdgs=(),
    criteria: list[tuple[str, str, int]] = (),
) -> ChallengePage:
    """Create a draft ChallengePage from the front-end form and send it into moderation.

    Only verified policymakers and moderators may call this; the submitter becomes an owner.
    """
    if not permissions.can_submit_brief(user):
        raise PermissionDenied
    validate_criteria_weights([weight for _name, _description, weight in criteria])
    page = _brief_page_create(
        user=user, index_page=index_page, fields=fields, themes=themes, sdgs=sdgs, criteria=criteria
    )
    page.save_revision(user=user, log_action=True)
    moderation_submit(page=page, user=user, workflow=brief_workflow_ensure())
    return page


def _brief_page_create(*, user, index_page, fields, themes, sdgs, criteria) -> ChallengePage:
    """A new unpublished brief under ``index_page``, owned by ``user`` (no revision yet)."""
    page = ChallengePage(
        slug=_unique_child_slug(index_page, fields["title"]),
        submitted_by=user,
        live=False,
        owner=user,
    )
    _apply_brief(page, fields=fields, themes=themes, sdgs=sdgs, criteria=criteria)
    page.owners = [user]
    index_page.add_child(instance=page)
    return page


@transaction.atomic
def challenge_brief_draft_save(
    *,
    user,
    fields: dict,
    themes=(),
    sdgs=(),
    criteria: list[tuple[str, str, int | None]] = (),
    index_page: ChallengeIndexPage | None = None,
    page: ChallengePage | None = None,
) -> ChallengePage:
    """Keep a half-written brief as the owner's private draft: an unpublished page with a new
    revision, not sent to the moderators (``challenge_brief_resubmit`` sends it later).

    Creates the page under ``index_page`` when ``page`` is None. Only the title is needed;
    the weights need not add up yet.
    """
    if not permissions.can_submit_brief(user):
        raise PermissionDenied
    if page is None:
        page = _brief_page_create(
            user=user,
            index_page=index_page,
            fields=fields,
            themes=themes,
            sdgs=sdgs,
            criteria=criteria,
        )
    else:
        page = ChallengePage.objects.select_for_update().get(pk=page.pk)
        if page.live or not page.is_owner(user):
            raise PermissionDenied
        if not moderation_status(page).can_edit:
            raise ValidationError(_("This brief is with the moderators and cannot be changed now."))
        _apply_brief(page, fields=fields, themes=themes, sdgs=sdgs, criteria=criteria)
        page.save()
    # Saving an unpublished page checked its title and slug (Wagtail's rule for drafts); the
    # rest may stay empty until the brief is sent, which validates everything.
    page.save_revision(user=user, log_action=True, clean=False)
    return page


@transaction.atomic
def challenge_brief_resubmit(
    *, page: ChallengePage, user, fields: dict, themes=(), sdgs=(), criteria=()
) -> ChallengePage:
    """Apply an owner's changes to an unpublished brief and send it back to moderation."""
    page = ChallengePage.objects.select_for_update().get(pk=page.pk)
    if page.live or not page.is_owner(user) or not permissions.can_submit_brief(user):
        raise PermissionDenied
    if not moderation_status(page).can_edit:
        raise ValidationError(_("This brief is with the moderators and cannot be changed now."))
    validate_criteria_weights([weight for _name, _description, weight in criteria])
    _apply_brief(page, fields=fields, themes=themes, sdgs=sdgs, criteria=criteria)
    page.save()
    page.save_revision(user=user, log_action=True)
    moderation_submit(page=page, user=user, workflow=brief_workflow_ensure())
    return page


# --- followers, questions, updates ---------------------------------------------------------------


def challenge_follow(*, challenge: ChallengePage, user) -> ChallengeFollower:
    follower, _created = ChallengeFollower.objects.get_or_create(challenge=challenge, user=user)
    return follower


def challenge_unfollow(*, challenge: ChallengePage, user) -> None:
    ChallengeFollower.objects.filter(challenge=challenge, user=user).delete()


def _follower_emails(challenge: ChallengePage, *, exclude=()) -> list[str]:
    excluded = {user.pk for user in exclude if user is not None}
    return [
        follower.user.email
        for follower in challenge.followers.select_related("user")
        if follower.user_id not in excluded and follower.user.is_active
    ]


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
        addresses = _follower_emails(challenge, exclude=[user])
        email_after_commit(
            to=addresses,
            template="challenges/emails/question_answered",
            context={"challenge": challenge, "question": question},
            one_each=True,  # nobody sees who else follows
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
    addresses = _follower_emails(challenge, exclude=[author])
    email_after_commit(
        to=addresses,
        template="challenges/emails/challenge_update",
        context={"challenge": challenge, "update": update},
        one_each=True,  # nobody sees who else follows
    )
    return update


# --- proposals ------------------------------------------------------------------------------------


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


# --- reviewing ------------------------------------------------------------------------------------


@transaction.atomic
def reviewer_invite(*, challenge: ChallengePage, reviewer, invited_by) -> ReviewerInvitation:
    if not permissions.can_manage_challenge(invited_by, challenge):
        raise PermissionDenied
    invitation, created = ReviewerInvitation.objects.get_or_create(
        challenge=challenge, reviewer=reviewer, defaults={"invited_by": invited_by}
    )
    if created:
        email_after_commit(
            to=[reviewer.email],
            template="challenges/emails/reviewer_invited",
            context={"challenge": challenge, "invitation": invitation},
        )
    return invitation


@transaction.atomic
def reviewer_remove(*, invitation: ReviewerInvitation, removed_by) -> None:
    if not permissions.can_manage_challenge(removed_by, invitation.challenge):
        raise PermissionDenied
    invitation.delete()


@transaction.atomic
def review_save(
    *, proposal: Proposal, reviewer, scores: dict[int, tuple[int, str]], comments: str = ""
) -> Review:
    """Store one reviewer's scores: ``scores`` maps criterion id → (score 0–10, comment)."""
    if not permissions.can_score_proposal(reviewer, proposal):
        raise PermissionDenied
    if proposal.status not in (ProposalStatus.SUBMITTED, ProposalStatus.SHORTLISTED):
        raise ValidationError(
            _("The selection for this proposal has been made; scores are closed.")
        )
    criteria = {criterion.pk: criterion for criterion in proposal.challenge.judging_criteria.all()}
    if set(scores) != set(criteria):
        raise ValidationError(_("Score every criterion."))
    review, _created = Review.objects.update_or_create(
        proposal=proposal, reviewer=reviewer, defaults={"comments": comments}
    )
    for criterion_id, (score, comment) in scores.items():
        if not 0 <= score <= 10:
            raise ValidationError(_("Scores go from 0 to 10."))
        CriterionScore.objects.update_or_create(
            review=review,
            criterion=criteria[criterion_id],
            defaults={"score": score, "comment": comment},
        )
    return review


# --- selection ------------------------------------------------------------------------------------


@transaction.atomic
def proposal_shortlist(*, proposal: Proposal, by, shortlisted: bool = True) -> Proposal:
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not permissions.can_manage_challenge(by, proposal.challenge):
        raise PermissionDenied
    if shortlisted and proposal.status == ProposalStatus.SUBMITTED:
        proposal.status = ProposalStatus.SHORTLISTED
    elif not shortlisted and proposal.status == ProposalStatus.SHORTLISTED:
        proposal.status = ProposalStatus.SUBMITTED
    proposal.save(update_fields=["status", "updated_at"])
    return proposal


@transaction.atomic
def proposal_feedback_set(*, proposal: Proposal, by, feedback: str) -> Proposal:
    if not permissions.can_manage_challenge(by, proposal.challenge):
        raise PermissionDenied
    proposal.feedback_to_team = feedback
    proposal.save(update_fields=["feedback_to_team", "updated_at"])
    return proposal


def _selection_allowed(challenge: ChallengePage) -> bool:
    return (
        challenge.proposals_close_at is not None and timezone.now() >= challenge.proposals_close_at
    )


@transaction.atomic
def proposal_select(*, proposal: Proposal, selected_by):
    """Select a proposal and create its project space exactly once.

    The row lock serialises a double click: the second call sees the space the first made and
    returns it. The one-to-one ``project_space`` column backs this up at the database level.
    """
    proposal = (
        Proposal.objects.select_for_update().select_related("challenge", "lab").get(pk=proposal.pk)
    )
    challenge = proposal.challenge
    if not permissions.can_manage_challenge(selected_by, challenge):
        raise PermissionDenied
    if proposal.project_space_id:
        return proposal.project_space
    if proposal.status not in (ProposalStatus.SUBMITTED, ProposalStatus.SHORTLISTED):
        raise ValidationError(_("Only submitted proposals can be selected."))
    if not _selection_allowed(challenge):
        raise ValidationError(_("Proposals can be selected once the deadline has passed."))
    team = list(proposal.members.select_related("user").order_by("pk"))
    lead = (
        proposal.created_by if proposal.created_by_id else (team[0].user if team else selected_by)
    )
    members = [(member.user, "member") for member in team]
    members += [(owner, "member") for owner in challenge.owners.all()]
    space = project_space_create(
        lab=proposal.lab,
        title=proposal.title[:200],
        goal=(
            f"{proposal.summary}\n\n"
            + _("This project answers the governance challenge “%(title)s”.")
            % {"title": challenge.title}
        ),
        created_by=lead,
        members=members,
        challenge=challenge,
    )
    proposal.status = ProposalStatus.SELECTED
    proposal.decided_at = timezone.now()
    proposal.project_space = space
    proposal.save(update_fields=["status", "decided_at", "project_space", "updated_at"])
    team_emails = [member.user.email for member in team]
    email_after_commit(
        to=team_emails,
        template="challenges/emails/proposal_selected",
        context={"challenge": challenge, "proposal": proposal, "space": space},
    )
    return space


@transaction.atomic
def selection_finalise(*, challenge: ChallengePage, by) -> int:
    """Decline every other sent proposal and email each team the feedback the owner chose to share.

    Returns how many teams were declined. Running it twice sends nothing new.
    """
    if not permissions.can_manage_challenge(by, challenge):
        raise PermissionDenied
    outcome, _created = ChallengeOutcome.objects.select_for_update().get_or_create(
        challenge=challenge
    )
    pending = list(
        Proposal.objects.select_for_update()
        .filter(
            challenge=challenge, status__in=[ProposalStatus.SUBMITTED, ProposalStatus.SHORTLISTED]
        )
        .prefetch_related("members__user")
    )
    now = timezone.now()
    for proposal in pending:
        proposal.status = ProposalStatus.DECLINED
        proposal.decided_at = now
        proposal.save(update_fields=["status", "decided_at", "updated_at"])
    outcome.selection_finalised_at = now
    outcome.save(update_fields=["selection_finalised_at", "updated_at"])

    selected = list(
        Proposal.objects.filter(challenge=challenge, status=ProposalStatus.SELECTED).select_related(
            "lab"
        )
    )
    followers = _follower_emails(challenge, exclude=[by]) if pending or selected else []
    team_addresses = {m.user.email for p in pending for m in p.members.all()}

    def send():
        for proposal in pending:
            email_send(
                to=[member.user.email for member in proposal.members.all()],
                template="challenges/emails/proposal_declined",
                context={"challenge": challenge, "proposal": proposal},
            )
        # Followers hear the public part only: which lab's project was chosen. One email each:
        # nobody sees who else follows.
        for address in followers:
            if address not in team_addresses:
                email_send(
                    to=[address],
                    template="challenges/emails/selection_announced",
                    context={"challenge": challenge, "selected": selected},
                )

    emails_after_commit(send)
    return len(pending)


# --- outcomes -------------------------------------------------------------------------------------


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
    addresses = _follower_emails(challenge, exclude=[by])
    email_after_commit(
        to=addresses,
        template="challenges/emails/agency_response",
        context={"challenge": challenge, "response": response},
        one_each=True,  # nobody sees who else follows
    )
    return response
