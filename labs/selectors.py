"""Reads about labs and project spaces, including who may see what.

Every private read goes through ``space_membership_or_404``: it re-reads the membership on
each request, so removing someone cuts their access on their very next request, and it
answers 404 for "exists but not yours" exactly as for "does not exist".
"""

from dataclasses import dataclass, field
from datetime import datetime

from allauth.account.models import EmailAddress
from django.db.models import Count, F, Func, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from core.languages import one_per_translation
from core.models import Profile, ProfileRole
from core.moderation import is_moderator
from core.paging import page_of
from core.selectors import visible_profile_owner
from labs.models import (
    Cohort,
    CohortTeam,
    Deliverable,
    DeliverableSignOff,
    DeliverableStatus,
    InvitationStatus,
    JoinRequestStatus,
    LabInvitation,
    LabJoinRequest,
    LabMembership,
    LabPage,
    LabRole,
    ProjectSpace,
    SignOffDecision,
    SpaceActivity,
    SpaceFile,
    SpaceMembership,
    SpaceRole,
    Task,
    TaskStatus,
    Thread,
)


def user_is_moderator(user) -> bool:
    return is_moderator(user)


def lab_membership_for(*, lab, user) -> LabMembership | None:
    if not user.is_authenticated:
        return None
    return LabMembership.objects.filter(lab=lab, user=user).first()


# The lab role matching what a person said they are on their profile; partners and "other"
# have no obvious lab role, so they choose one themselves.
LAB_ROLE_FOR_PROFILE_ROLE = {
    ProfileRole.STUDENT: LabRole.STUDENT,
    ProfileRole.FACULTY: LabRole.FACULTY,
    ProfileRole.POLICYMAKER: LabRole.POLICYMAKER,
}


def lab_join_role_default(*, user) -> str:
    """The role a join request starts at: the person's profile role, or "" (no guess)."""
    profile_role = Profile.objects.filter(user=user).values_list("role", flat=True).first()
    return LAB_ROLE_FOR_PROFILE_ROLE.get(profile_role, "")


def lab_is_managed_by(*, lab, user) -> bool:
    """Leads of the lab and moderators approve members, invite, and create spaces."""
    if not user.is_authenticated:
        return False
    if user_is_moderator(user):
        return True
    return LabMembership.objects.filter(lab=lab, user=user, role=LabRole.LEAD).exists()


def lab_managed_or_404(*, lab_id: int, user) -> LabPage:
    lab = LabPage.objects.filter(pk=lab_id).first()
    if lab is None or not lab_is_managed_by(lab=lab, user=user):
        raise Http404
    return lab


def labs_live():
    return one_per_translation(
        LabPage.objects.live().public().select_related("country", "university__country", "locale")
    )


def featured_labs(*, limit: int = 6) -> list:
    return list(
        labs_live()
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("-member_count", "title")[:limit]
    )


def labs_of_university(partner):
    """Published labs at a university (a partner), by title, for the partner's page."""
    return (
        LabPage.objects.live()
        .public()
        .filter(university=partner)
        .distinct()
        .select_related("country", "university__country")
        .order_by("title", "pk")
    )


#: Rows per page of each list on a lab's manage page.
MANAGE_ROWS_PER_PAGE = 25


def lab_dashboard_context(*, lab: LabPage, viewer, params) -> dict:
    """What a lead sees when managing a lab. Spaces are listed by name only; the viewer can
    open those they are a member of.

    Requests, members, invitations and spaces each come a page at a time on their own query
    parameter: a lab with 161 members rendered all of them, with two forms each (299 KB).
    """

    def page(items, param: str):
        return page_of(items, params, per_page=MANAGE_ROWS_PER_PAGE, param=param)

    return {
        "my_space_ids": set(
            SpaceMembership.objects.filter(space__lab=lab, user=viewer).values_list(
                "space_id", flat=True
            )
        ),
        "pending_requests": page(
            lab.join_requests.filter(status=JoinRequestStatus.PENDING)
            .select_related("user__profile")
            .order_by("created_at", "pk"),
            "requests",
        ),
        "members": page(
            lab.memberships.select_related("user__profile").order_by("role", "joined_at", "pk"),
            "members",
        ),
        "invitations": page(
            lab.invitations.filter(status=InvitationStatus.PENDING)
            .select_related("invited_by")
            .order_by("-created_at", "-pk"),
            "invitations",
        ),
        "audit_entries": lab.audit_entries.select_related("actor", "subject")[:50],
        "spaces": page(lab.spaces.order_by("-updated_at", "-pk"), "spaces"),
        "cohorts": page(lab_cohorts(lab=lab), "cohorts"),
    }


# --- project spaces ---------------------------------------------------------------------


def space_membership_or_404(*, user, space_id: int) -> SpaceMembership:
    """The viewer's membership of the space, or 404 whether the space exists or not."""
    if not user.is_authenticated:
        raise Http404
    membership = (
        SpaceMembership.objects.select_related("space__lab", "user")
        .filter(space_id=space_id, user=user)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def space_supervisor(space) -> SpaceMembership | None:
    """The membership of the space's supervisor (a cohort team's), if it has one."""
    return (
        SpaceMembership.objects.filter(space=space, role=SpaceRole.SUPERVISOR)
        .select_related("user")
        .first()
    )


def space_has_supervisor(space) -> bool:
    return SpaceMembership.objects.filter(space=space, role=SpaceRole.SUPERVISOR).exists()


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


def spaces_for_user(user):
    if not user.is_authenticated:
        return ProjectSpace.objects.none()
    return (
        ProjectSpace.objects.filter(memberships__user=user)
        .select_related("lab")
        .order_by("-updated_at")
    )


def space_overview(*, space: ProjectSpace) -> dict:
    today = timezone.localdate()
    open_tasks = space.tasks.exclude(status=TaskStatus.DONE).select_related("assignee")
    return {
        "members": space.memberships.select_related("user").order_by("role", "created_at"),
        "milestones": space.milestones.annotate(
            task_count=Count("tasks"),
            done_count=Count("tasks", filter=Q(tasks__status=TaskStatus.DONE)),
        ),
        "open_tasks": open_tasks[:8],
        "overdue_count": open_tasks.filter(due_date__lt=today).count(),
        "recent_threads": space_threads(space=space)[:5],
        "recent_files": space.files.all()[:5],
        "recent_activity": activity_entries(space.activities.select_related("actor", "space")[:20])[
            :8
        ],
    }


def space_mention_target(*, space: ProjectSpace, username: str, viewer) -> str | None:
    """Where an @mention of ``username`` in ``space`` takes ``viewer`` (a member of it).

    Their profile when ``viewer`` may see it; otherwise the space's member list, so a private
    profile is never revealed. None (404) when nobody by that handle is in the space.
    """
    membership = (
        SpaceMembership.objects.filter(
            space=space, user__username__iexact=username, user__deleted_at__isnull=True
        )
        .select_related("user")
        .first()
    )
    if membership is None:
        return None
    person = visible_profile_owner(username=membership.user.username, viewer=viewer)
    if person is not None:
        return person.get_absolute_url()
    members_url = reverse("labs:space_members", kwargs={"space_id": space.pk})
    return f"{members_url}#member-{membership.pk}"


def space_threads(*, space):
    return (
        space.threads.select_related("created_by")
        .annotate(post_count=Count("posts"))
        .order_by("-last_post_at", "-pk")
    )


def thread_posts(*, thread: Thread):
    return (
        thread.posts.select_related("author")
        .prefetch_related(
            Prefetch("attachments", queryset=SpaceFile.objects.prefetch_related("versions"))
        )
        .annotate(revision_count=Count("revisions"))
        .order_by("created_at", "pk")
    )


def space_tasks(*, space, status: str = "", assignee_id: int | None = None):
    tasks = space.tasks.select_related("assignee", "milestone")
    if status in TaskStatus.values:
        tasks = tasks.filter(status=status)
    elif status == "open":
        tasks = tasks.exclude(status=TaskStatus.DONE)
    if assignee_id is not None:
        tasks = tasks.filter(assignee_id=assignee_id)
    return tasks


def space_activity(*, space):
    return space.activities.select_related("actor", "space")


def space_search(*, space, query: str) -> dict:
    """Member-scoped search inside one space: threads and posts, tasks, file names."""
    query = query.strip()
    if not query:
        return {"threads": [], "tasks": [], "files": [], "total": 0}
    threads = (
        space.threads.filter(Q(title__icontains=query) | Q(posts__body__icontains=query))
        .distinct()
        .select_related("created_by")[:30]
    )
    tasks = space.tasks.filter(
        Q(title__icontains=query) | Q(description__icontains=query)
    ).select_related("assignee")[:30]
    files = space.files.filter(
        Q(name__icontains=query) | Q(versions__original_name__icontains=query)
    ).distinct()[:30]
    threads, tasks, files = list(threads), list(tasks), list(files)
    return {
        "threads": threads,
        "tasks": tasks,
        "files": files,
        "total": len(threads) + len(tasks) + len(files),
    }


# --- the personal dashboard ---------------------------------------------------------------


def user_lab_memberships(user):
    return LabMembership.objects.filter(user=user).select_related("lab").order_by("lab__title")


def user_pending_requests(user):
    return LabJoinRequest.objects.filter(
        user=user, status=JoinRequestStatus.PENDING
    ).select_related("lab")


def user_pending_invitations(user):
    emails = {user.email.lower()} | {
        address.lower()
        for address in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    }
    return (
        LabInvitation.objects.filter(status=InvitationStatus.PENDING, expires_at__gt=timezone.now())
        .filter(email__in=emails)
        .select_related("lab", "invited_by")
    )


def user_tasks_due(user, *, limit: int = 10):
    return (
        Task.objects.filter(assignee=user, space__memberships__user=user)
        .exclude(status=TaskStatus.DONE)
        .select_related("space")
        .order_by("due_date")[:limit]
    )


def user_activity(user):
    """What others did in the person's spaces, newest first (their own actions left out)."""
    return (
        SpaceActivity.objects.filter(space__memberships__user=user)
        .exclude(actor=user)
        .select_related("actor", "space")
    )


@dataclass
class ActivityEntry:
    """Consecutive activity of one person, of one kind, in one space: one row of a feed."""

    actor: object
    verb: str
    space: ProjectSpace
    latest: datetime
    count: int = 1
    #: (summary, address) of what was acted on, newest first, each once.
    targets: list[tuple[str, str]] = field(default_factory=list)

    def add_target(self, summary: str, url: str) -> None:
        if summary and (summary, url) not in self.targets:
            self.targets.append((summary, url))


def activity_entries(activities) -> list[ActivityEntry]:
    """``activities`` (newest first) with bursts folded: five posts in a row by one person in
    one space become one entry "posted 5 times", naming each thread once."""
    entries: list[ActivityEntry] = []
    for activity in activities:
        last = entries[-1] if entries else None
        if (
            last is not None
            and last.actor == activity.actor
            and last.space.pk == activity.space_id
            and last.verb == activity.get_verb_display()
        ):
            last.count += 1
        else:
            last = ActivityEntry(
                actor=activity.actor,
                verb=activity.get_verb_display(),
                space=activity.space,
                latest=activity.created_at,
            )
            entries.append(last)
        last.add_target(activity.summary, activity.target_url)
    return entries


def lab_requests_awaiting(user):
    """Pending join requests in labs the user leads, for the lead's dashboard panel."""
    led_lab_ids = LabMembership.objects.filter(user=user, role=LabRole.LEAD).values("lab_id")
    return (
        LabJoinRequest.objects.filter(lab_id__in=led_lab_ids, status=JoinRequestStatus.PENDING)
        .select_related("lab", "user")
        .order_by("created_at")
    )


# --- cohorts and supervision --------------------------------------------------------------

#: Rows per page of a cohort's lists (enrolments, teams, progress).
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
