"""Reads about cohorts and supervision: a lab's cohorts, their teams' progress, deliverables."""

from django.db.models import Count, F, Func, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from core.paging import page_of
from labs.models import (
    Cohort,
    CohortTeam,
    Deliverable,
    DeliverableSignOff,
    DeliverableStatus,
    LabMembership,
    LabRole,
    SignOffDecision,
    SpaceActivity,
    SpaceMembership,
    SpaceRole,
    Task,
    TaskStatus,
)

COHORT_ROWS_PER_PAGE = 25


def lab_cohorts(*, lab):
    return lab.cohorts.annotate(
        team_count=Count("teams", distinct=True),
        enrolment_count=Count("enrolments", distinct=True),
    ).order_by("-term_start", "-pk")


def cohort_of_lab_or_404(*, lab, cohort_id: int) -> Cohort:
    cohort = Cohort.objects.filter(lab=lab, pk=cohort_id).select_related("lab").first()
    if cohort is None:
        raise Http404
    return cohort


def _supervisor_prefetch() -> Prefetch:
    """``team.space.supervisor_memberships``: the supervisor of each team, in one query."""
    return Prefetch(
        "space__memberships",
        queryset=SpaceMembership.objects.filter(role=SpaceRole.SUPERVISOR).select_related("user"),
        to_attr="supervisor_memberships",
    )


def cohort_teams(*, cohort):
    """The cohort's teams with their space and supervisor."""
    return (
        cohort.teams.select_related("space")
        .prefetch_related(_supervisor_prefetch())
        .order_by("space__title", "pk")
    )


def cohort_manage_context(*, cohort, params) -> dict:
    """What the lead (or a moderator) sees when managing a cohort: names, never space content."""
    return {
        "enrolments": page_of(
            cohort.enrolments.select_related("user").order_by("user__display_name", "pk"),
            params,
            per_page=COHORT_ROWS_PER_PAGE,
            param="enrolments",
        ),
        "teams": page_of(
            cohort_teams(cohort=cohort), params, per_page=COHORT_ROWS_PER_PAGE, param="teams"
        ),
        "supervisors": list(cohort.supervisors.order_by("display_name", "pk")),
    }


def _with_progress(teams):
    """Each team's tasks done and in all, overdue tasks and last activity, as subqueries so
    the page is one query whatever the number of tasks or activities."""
    today = timezone.localdate()
    tasks = Task.objects.filter(space=OuterRef("space")).order_by()
    counted = Func(F("pk"), function="COUNT")
    return teams.annotate(
        task_total=Coalesce(Subquery(tasks.annotate(n=counted).values("n")), 0),
        task_done=Coalesce(
            Subquery(tasks.filter(status=TaskStatus.DONE).annotate(n=counted).values("n")), 0
        ),
        task_overdue=Coalesce(
            Subquery(
                tasks.exclude(status=TaskStatus.DONE)
                .filter(due_date__lt=today)
                .annotate(n=counted)
                .values("n")
            ),
            0,
        ),
        last_activity=Subquery(
            SpaceActivity.objects.filter(space=OuterRef("space"))
            .order_by("-created_at")
            .values("created_at")[:1]
        ),
        deliverables_waiting=Coalesce(
            Subquery(
                Deliverable.objects.filter(space=OuterRef("space"), status=DeliverableStatus.READY)
                .order_by()
                .annotate(n=counted)
                .values("n")
            ),
            0,
        ),
    )


def lab_is_led_by(*, lab, user) -> bool:
    """Leads only: moderators manage cohorts but do not read spaces' progress (ROLES.md)."""
    return (
        user.is_authenticated
        and LabMembership.objects.filter(lab=lab, user=user, role=LabRole.LEAD).exists()
    )


def cohort_progress_teams_or_404(*, cohort, viewer):
    """The teams whose progress ``viewer`` may read: all of them for a lead of the lab, the
    ones they supervise for a supervisor, and 404 for anyone else (moderators included)."""
    teams = cohort_teams(cohort=cohort)
    if lab_is_led_by(lab=cohort.lab, user=viewer):
        return _with_progress(teams)
    if not viewer.is_authenticated:
        raise Http404
    supervised = teams.filter(
        space__memberships__user=viewer, space__memberships__role=SpaceRole.SUPERVISOR
    )
    if not supervised.exists():
        raise Http404
    return _with_progress(supervised)


def user_supervises(user) -> bool:
    return SpaceMembership.objects.filter(
        user=user, role=SpaceRole.SUPERVISOR, space__cohort_team__isnull=False
    ).exists()


def supervised_teams(*, user):
    """Every cohort team ``user`` supervises, with progress, newest cohort first."""
    if not user.is_authenticated:
        return CohortTeam.objects.none()
    return _with_progress(
        CohortTeam.objects.filter(
            space__memberships__user=user, space__memberships__role=SpaceRole.SUPERVISOR
        )
        .select_related("space", "cohort__lab")
        .prefetch_related(_supervisor_prefetch())
        .order_by("-cohort__term_start", "space__title", "pk")
    )


def space_deliverables(*, space):
    return space.deliverables.select_related("created_by").order_by("-updated_at", "-pk")


def deliverable_detail(*, deliverable) -> dict:
    return {
        "files": list(deliverable.files.order_by("name", "pk")),
        "sign_offs": list(deliverable.sign_offs.select_related("reviewer")),
    }


def finding_supervisor_sign_off(*, finding) -> DeliverableSignOff | None:
    """The supervisor's approval of the deliverable ``finding`` was proposed from (a cohort
    team's finding), with its reviewer and deliverable; None for an unsupervised finding."""
    return (
        DeliverableSignOff.objects.filter(
            deliverable__findings__finding=finding, decision=SignOffDecision.APPROVE
        )
        .select_related("reviewer", "deliverable")
        .first()
    )
