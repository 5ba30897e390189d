"""Milestones and tasks in a project space, and the email to a task's assignee."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from core.addresses import absolute_url
from core.emails import email_after_commit
from labs.models import (
    ActivityVerb,
    Milestone,
    NotificationPreference,
    ProjectSpace,
    Task,
)
from labs.services.spaces import activity_record, require_writer

logger = logging.getLogger(__name__)


@transaction.atomic
def milestone_create(
    *, space: ProjectSpace, created_by, title: str, due_date=None, description: str = ""
) -> Milestone:
    require_writer(space=space, user=created_by)
    milestone = Milestone.objects.create(
        space=space, title=title, due_date=due_date, description=description
    )
    activity_record(
        space=space,
        actor=created_by,
        verb=ActivityVerb.ADDED_MILESTONE,
        summary=title,
        target_url=reverse("labs:task_list", kwargs={"space_id": space.pk}),
    )
    return milestone


def _notify_assignee(*, task: Task, assigned_by) -> None:
    if task.assignee_id and task.assignee_id != assigned_by.pk:
        membership = task.space.memberships.filter(user_id=task.assignee_id).first()
        if membership and membership.notification_preference != NotificationPreference.OFF:
            email_after_commit(
                to=[task.assignee.email],
                template="labs/emails/task_assigned",
                context={
                    "task": task,
                    "space": task.space,
                    "person": task.assignee,
                    "assigned_by": assigned_by,
                    "task_url": absolute_url(task.get_absolute_url()),
                },
            )


def _check_assignee(*, space, assignee) -> None:
    if assignee is not None and not space.memberships.filter(user=assignee).exists():
        raise ValidationError(
            {"assignee": _("Tasks can only be assigned to members of the space.")}
        )


@transaction.atomic
def task_create(*, space: ProjectSpace, created_by, **fields) -> Task:
    require_writer(space=space, user=created_by)
    _check_assignee(space=space, assignee=fields.get("assignee"))
    task = Task.objects.create(space=space, created_by=created_by, **fields)
    activity_record(
        space=space,
        actor=created_by,
        verb=ActivityVerb.ADDED_TASK,
        summary=task.title,
        target_url=task.get_absolute_url(),
    )
    _notify_assignee(task=task, assigned_by=created_by)
    return task


@transaction.atomic
def task_update(*, task: Task, updated_by, **fields) -> Task:
    require_writer(space=task.space, user=updated_by)
    _check_assignee(space=task.space, assignee=fields.get("assignee"))
    # Read from the database: a bound ModelForm has already changed the instance.
    previous_assignee = (
        Task.objects.filter(pk=task.pk).values_list("assignee_id", flat=True).first()
    )
    for name, value in fields.items():
        setattr(task, name, value)
    task.save()
    activity_record(
        space=task.space,
        actor=updated_by,
        verb=ActivityVerb.UPDATED_TASK,
        summary=f"{task.title} · {task.get_status_display()}",
        target_url=task.get_absolute_url(),
    )
    if task.assignee_id != previous_assignee:
        _notify_assignee(task=task, assigned_by=updated_by)
    return task
