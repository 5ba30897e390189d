"""Reads about project spaces: membership, threads, tasks, activity, search inside a space.

Every private read goes through ``space_membership_or_404``: it re-reads the membership on
each request, so removing someone cuts their access on their very next request, and it
answers 404 for "exists but not yours" exactly as for "does not exist".
"""

from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from core.selectors import visible_profile_owner
from labs.models import (
    ProjectSpace,
    SpaceFile,
    SpaceFileVersion,
    SpaceMembership,
    SpaceRole,
    TaskStatus,
    Thread,
)
from labs.selectors.dashboard import activity_entries


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
    open_tasks = space.tasks.exclude(status=TaskStatus.DONE).select_related("assignee", "milestone")
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


def space_files(*, space):
    """The files of a space with what their list row shows, in one query.

    The row needs only the number of versions, the latest one's size and the title of the
    thread it was attached in: annotating those instead of prefetching every version and
    building a post, a thread and an uploader per row keeps a full page as cheap as a short one.
    """
    latest = SpaceFileVersion.objects.filter(file=OuterRef("pk")).order_by("-number")
    # A GROUP BY query ignores Meta.ordering, so the list's order is spelled out again.
    return space.files.annotate(
        version_count=Count("versions"),
        latest_size=Subquery(latest.values("size")[:1]),
        thread_title=F("post__thread__title"),
    ).order_by("-updated_at", "-pk")


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
