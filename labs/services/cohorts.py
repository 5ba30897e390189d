"""Cohorts and supervision: opening a cohort, enrolling members, teams and their supervisors,
and deliverables signed off by the team's supervisor.

Who may call these is checked by the views (the lab's leads and moderators manage cohorts;
``lab_managed_or_404``); what the data must satisfy is checked here. Emails go after commit.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from core.addresses import absolute_url
from core.emails import email_after_commit
from labs.models import (
    ActivityVerb,
    Cohort,
    CohortEnrolment,
    CohortTeam,
    Deliverable,
    DeliverableSignOff,
    DeliverableStatus,
    LabMembership,
    LabRole,
    SignOffDecision,
    SpaceMembership,
    SpaceRole,
)
from labs.selectors import space_supervisor
from labs.services.membership import MembershipError
from labs.services.spaces import activity_record

#: Lab roles that may supervise a cohort's teams: its faculty (leads are faculty too).
SUPERVISOR_LAB_ROLES = (LabRole.FACULTY, LabRole.LEAD)


def _check_supervisors(*, lab, supervisors) -> None:
    eligible = set(
        LabMembership.objects.filter(
            lab=lab, role__in=SUPERVISOR_LAB_ROLES, user__in=supervisors
        ).values_list("user_id", flat=True)
    )
    outside = [person.public_name for person in supervisors if person.pk not in eligible]
    if outside:
        raise ValidationError(
            {
                "supervisors": _("Supervisors must be faculty of the lab: %(people)s is not.")
                % {"people": ", ".join(outside)}
            }
        )


@transaction.atomic
def cohort_create(*, lab, name: str, term_start, term_end, supervisors=(), created_by) -> Cohort:
    """Open a cohort of ``lab`` for a term; ``supervisors`` must be the lab's faculty."""
    if term_end < term_start:
        raise ValidationError({"term_end": _("The term ends before it starts.")})
    supervisors = list(supervisors)
    _check_supervisors(lab=lab, supervisors=supervisors)
    cohort = Cohort.objects.create(
        lab=lab, name=name, term_start=term_start, term_end=term_end, created_by=created_by
    )
    cohort.supervisors.set(supervisors)
    return cohort


def _check_assigned_supervisors_kept(*, cohort: Cohort, supervisors) -> None:
    """A supervisor named on one of the cohort's teams stays a supervisor of the cohort until
    the team has another one: dropping them here would leave a space supervised by someone
    the cohort no longer lists."""
    kept = {person.pk for person in supervisors}
    assigned = (
        SpaceMembership.objects.filter(role=SpaceRole.SUPERVISOR, space__cohort_team__cohort=cohort)
        .exclude(user_id__in=kept)
        .select_related("user", "space")
        .order_by("space__title", "pk")
    )
    if assigned:
        raise ValidationError(
            {
                "supervisors": [
                    _(
                        "%(person)s supervises the team “%(space)s”. Assign another supervisor "
                        "to the team first."
                    )
                    % {"person": membership.user.public_name, "space": membership.space.title}
                    for membership in assigned
                ]
            }
        )


@transaction.atomic
def cohort_update(
    *, cohort: Cohort, name: str, term_start, term_end, supervisors=(), updated_by
) -> Cohort:
    """Rename a cohort, move its term or change its supervisors (the lab's faculty); a
    supervisor still assigned to a team cannot be dropped."""
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    if term_end < term_start:
        raise ValidationError({"term_end": _("The term ends before it starts.")})
    supervisors = list(supervisors)
    _check_supervisors(lab=cohort.lab, supervisors=supervisors)
    _check_assigned_supervisors_kept(cohort=cohort, supervisors=supervisors)
    cohort.name, cohort.term_start, cohort.term_end = name, term_start, term_end
    cohort.save(update_fields=["name", "term_start", "term_end"])
    cohort.supervisors.set(supervisors)
    return cohort


@transaction.atomic
def cohort_member_enrol(*, cohort: Cohort, user, enrolled_by) -> CohortEnrolment:
    """Enrol a member of the cohort's lab; enrolling someone twice is refused."""
    if not LabMembership.objects.filter(lab_id=cohort.lab_id, user=user).exists():
        raise MembershipError(
            _("%(person)s is not a member of the lab. Invite them to the lab first.")
            % {"person": user.public_name}
        )
    try:
        with transaction.atomic():
            return CohortEnrolment.objects.create(cohort=cohort, user=user, enrolled_by=enrolled_by)
    except IntegrityError:
        raise MembershipError(
            _("%(person)s is already enrolled in this cohort.") % {"person": user.public_name}
        ) from None


@transaction.atomic
def cohort_enrolment_remove(*, enrolment: CohortEnrolment) -> None:
    enrolment.delete()


@transaction.atomic
def cohort_team_add(*, cohort: Cohort, space, added_by) -> CohortTeam:
    """Make a project space of the cohort's lab one of the cohort's teams."""
    if space.lab_id != cohort.lab_id:
        raise MembershipError(_("Only the lab's own project spaces can be teams of its cohorts."))
    team = CohortTeam.objects.filter(space=space).select_related("cohort").first()
    if team is not None:
        raise MembershipError(
            _("“%(space)s” is already a team of the cohort “%(cohort)s”.")
            % {"space": space.title, "cohort": team.cohort.name}
        )
    return CohortTeam.objects.create(cohort=cohort, space=space, added_by=added_by)


@transaction.atomic
def cohort_team_supervisor_set(*, team: CohortTeam, supervisor, assigned_by) -> None:
    """Name ``supervisor`` (one of the cohort's supervisors) on the team's space, or nobody
    with ``None``. The previous supervisor leaves the space: their access ends on their next
    request. The new one becomes a member of the space with the supervisor role."""
    space = team.space
    current = (
        SpaceMembership.objects.select_for_update()
        .filter(space=space, role=SpaceRole.SUPERVISOR)
        .select_related("user")
        .first()
    )
    if current is not None and supervisor is not None and current.user_id == supervisor.pk:
        return
    if supervisor is not None:
        if not team.cohort.supervisors.filter(pk=supervisor.pk).exists():
            raise MembershipError(
                _("%(person)s is not one of this cohort's supervisors.")
                % {"person": supervisor.public_name}
            )
        existing = SpaceMembership.objects.filter(space=space, user=supervisor).first()
        if existing is not None:
            raise MembershipError(
                _(
                    "%(person)s is already in this space as %(role)s; a team's supervisor "
                    "stands outside the team."
                )
                % {"person": supervisor.public_name, "role": existing.get_role_display()}
            )
    if current is not None:
        person = current.user
        current.delete()
        activity_record(
            space=space,
            actor=assigned_by,
            verb=ActivityVerb.REMOVED_SUPERVISOR,
            summary=person.public_name,
        )
        email_after_commit(
            to=[person.email],
            template="labs/emails/space_member_removed",
            context={"space_title": space.title, "person": person},
        )
    if supervisor is not None:
        SpaceMembership.objects.create(
            space=space, user=supervisor, role=SpaceRole.SUPERVISOR, added_by=assigned_by
        )
        activity_record(
            space=space,
            actor=assigned_by,
            verb=ActivityVerb.ASSIGNED_SUPERVISOR,
            summary=supervisor.public_name,
            target_url=reverse("labs:space_members", kwargs={"space_id": space.pk}),
        )
        email_after_commit(
            to=[supervisor.email],
            template="labs/emails/supervisor_assigned",
            context={
                "space": space,
                "cohort": team.cohort,
                "person": supervisor,
                "assigned_by": assigned_by,
            },
        )


# --- deliverables ---------------------------------------------------------------------------


def _writer_membership(*, space, user) -> SpaceMembership:
    membership = SpaceMembership.objects.filter(space=space, user=user).first()
    if membership is None or not membership.can_write:
        raise PermissionError("Only owners and members of the space may change deliverables.")
    if space.is_archived:
        raise PermissionError("An archived space can be read but not changed.")
    return membership


def _check_files(*, space, files) -> None:
    if any(file.space_id != space.pk for file in files):
        raise ValidationError({"files": _("Link only files of this space.")})


@transaction.atomic
def deliverable_create(*, space, created_by, title: str, summary: str, files=()) -> Deliverable:
    _writer_membership(space=space, user=created_by)
    files = list(files)
    _check_files(space=space, files=files)
    deliverable = Deliverable.objects.create(
        space=space, title=title, summary=summary, created_by=created_by
    )
    deliverable.files.set(files)
    activity_record(
        space=space,
        actor=created_by,
        verb=ActivityVerb.ADDED_DELIVERABLE,
        summary=title,
        target_url=deliverable.get_absolute_url(),
    )
    return deliverable


@transaction.atomic
def deliverable_update(
    *, deliverable: Deliverable, updated_by, title: str, summary: str, files=()
) -> Deliverable:
    """Edit a deliverable that is not approved; one awaiting sign-off goes back to draft, so
    the supervisor never signs off something other than what they read."""
    deliverable = (
        Deliverable.objects.select_for_update().select_related("space").get(pk=deliverable.pk)
    )
    _writer_membership(space=deliverable.space, user=updated_by)
    if deliverable.is_approved:
        raise MembershipError(_("An approved deliverable can no longer be changed."))
    files = list(files)
    _check_files(space=deliverable.space, files=files)
    deliverable.title, deliverable.summary = title, summary
    if deliverable.status == DeliverableStatus.READY:
        deliverable.status = DeliverableStatus.DRAFT
    deliverable.save()
    deliverable.files.set(files)
    activity_record(
        space=deliverable.space,
        actor=updated_by,
        verb=ActivityVerb.EDITED_DELIVERABLE,
        summary=title,
        target_url=deliverable.get_absolute_url(),
    )
    return deliverable


def _team_addresses(space) -> list[str]:
    return list(
        SpaceMembership.objects.filter(
            space=space,
            role__in=[SpaceRole.OWNER, SpaceRole.MEMBER],
            user__deleted_at__isnull=True,
        ).values_list("user__email", flat=True)
    )


@transaction.atomic
def deliverable_mark_ready(*, deliverable: Deliverable, marked_by) -> Deliverable:
    """Hand the deliverable to the space's supervisor, who is emailed."""
    deliverable = (
        Deliverable.objects.select_for_update().select_related("space__lab").get(pk=deliverable.pk)
    )
    space = deliverable.space
    _writer_membership(space=space, user=marked_by)
    if not deliverable.can_be_marked_ready:
        raise MembershipError(
            _("This deliverable is already %(status)s.")
            % {"status": deliverable.get_status_display().lower()}
        )
    deliverable.status = DeliverableStatus.READY
    deliverable.save(update_fields=["status", "updated_at"])
    activity_record(
        space=space,
        actor=marked_by,
        verb=ActivityVerb.DELIVERABLE_READY,
        summary=deliverable.title,
        target_url=deliverable.get_absolute_url(),
    )
    supervisor = space_supervisor(space)
    if supervisor is not None and supervisor.user.deleted_at is None:
        email_after_commit(
            to=[supervisor.user.email],
            template="labs/emails/deliverable_ready",
            context={
                "space": space,
                "deliverable": deliverable,
                "person": supervisor.user,
                "marked_by": marked_by,
                "deliverable_url": absolute_url(deliverable.get_absolute_url()),
            },
        )
    return deliverable


@transaction.atomic
def deliverable_sign_off(
    *, deliverable: Deliverable, reviewer, decision: str, comment: str = ""
) -> DeliverableSignOff:
    """The space's supervisor approves a deliverable that is ready, or asks for changes
    (saying which); the team is emailed either way."""
    deliverable = (
        Deliverable.objects.select_for_update().select_related("space__lab").get(pk=deliverable.pk)
    )
    space = deliverable.space
    if not SpaceMembership.objects.filter(
        space=space, user=reviewer, role=SpaceRole.SUPERVISOR
    ).exists():
        raise PermissionError("Only the space's supervisor signs off its deliverables.")
    decision = SignOffDecision(decision)
    comment = comment.strip()
    if decision == SignOffDecision.REQUEST_CHANGES and not comment:
        raise ValidationError({"comment": _("Say what should change.")})
    if deliverable.status != DeliverableStatus.READY:
        raise MembershipError(
            _("Only a deliverable marked ready can be signed off; this one is %(status)s.")
            % {"status": deliverable.get_status_display().lower()}
        )
    sign_off = DeliverableSignOff.objects.create(
        deliverable=deliverable, reviewer=reviewer, decision=decision, comment=comment
    )
    deliverable.status = DeliverableStatus(decision.value)
    deliverable.save(update_fields=["status", "updated_at"])
    activity_record(
        space=space,
        actor=reviewer,
        verb=ActivityVerb.APPROVED_DELIVERABLE
        if decision == SignOffDecision.APPROVE
        else ActivityVerb.REQUESTED_CHANGES,
        summary=deliverable.title,
        target_url=deliverable.get_absolute_url(),
    )
    email_after_commit(
        to=_team_addresses(space),
        one_each=True,
        template="labs/emails/deliverable_signed_off",
        context={
            "space": space,
            "deliverable": deliverable,
            "sign_off": sign_off,
            "reviewer": reviewer,
            "deliverable_url": absolute_url(deliverable.get_absolute_url()),
        },
    )
    return sign_off
