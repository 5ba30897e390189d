"""Front-end submissions moderated through Wagtail workflows, reusable by every app.

A person without Wagtail admin access (a partner representative, a policymaker) submits a
draft page from the public site; moderators ("Moderators" group or superusers) approve,
request changes or reject it in the Wagtail admin. This module holds what is the same for
case studies, lab findings and challenge briefs:

- the "Moderators" group and one workflow per kind of submission (created on first use,
  so no migration needs the page tree);
- ``DeclinableApprovalTaskMixin``: a group approval task with a final "Reject" action next
  to Wagtail's "Request changes" (apps subclass it into a concrete task model);
- ``moderation_submit`` (first submission and resubmission after changes were requested);
- ``moderation_status`` for dashboards: draft, in moderation, changes requested (with the
  moderator's comment), rejected, published;
- emails to the submitter at each step, for models registered with
  ``register_moderated_model(model, email_template=...)``. Templates are
  ``<email_template>_<event>`` for events submitted, resubmitted, changes_requested,
  approved and rejected, rendered by ``core.emails.email_send`` with ``page``, ``status``,
  ``comment`` and ``submitter`` in the context.

Wagtail's own workflow emails to the submitter point into the admin, which submitters
cannot open, so they are switched off for submitters without admin access.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    GroupPagePermission,
    Page,
    TaskState,
    Workflow,
    WorkflowState,
    WorkflowTask,
)
from wagtail.signals import workflow_approved, workflow_cancelled, workflow_rejected
from wagtail.users.models import UserProfile

from .emails import email_send

logger = logging.getLogger("policylab.moderation")

MODERATORS_GROUP_NAME = "Moderators"

_MODERATED_MODELS: dict[type, dict] = {}


def is_moderator(user) -> bool:
    """Moderators are active superusers and members of the "Moderators" group."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=MODERATORS_GROUP_NAME).exists()


def moderator_email_addresses() -> list[str]:
    """Where messages for the site's editors go: every active moderator with an address."""

    moderators = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=MODERATORS_GROUP_NAME))
        .exclude(email="")
    )
    return sorted(set(moderators.values_list("email", flat=True)))


def moderators_group_ensure() -> Group:
    """The "Moderators" group, with access to the Wagtail admin and wagtail-localize's
    "Translate this page" (a site-wide permission: lab leads do not get it)."""
    group, _created = Group.objects.get_or_create(name=MODERATORS_GROUP_NAME)
    permissions = Permission.objects.filter(
        Q(content_type__app_label="wagtailadmin", codename="access_admin")
        | Q(content_type__app_label="wagtail_localize", codename="submit_translation")
    )
    group.permissions.add(*permissions)
    return group


@transaction.atomic
def moderation_workflow_ensure(*, name: str, task_model, task_name: str, pages=()):
    """Create (once) the workflow ``name`` with one ``task_model`` step for the Moderators.

    ``pages`` are section pages whose subtree moderators may edit and publish in the admin
    (needed to open submissions from the admin's moderation dashboard).
    """

    group = moderators_group_ensure()
    workflow, _created = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    task = task_model.objects.filter(name=task_name).first()
    if task is None:
        task = task_model.objects.create(name=task_name, active=True)
    task.groups.add(group)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore",
        codename__in=["add_page", "change_page", "publish_page"],
    )
    for page in pages:
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    return workflow


def latest_workflow_state(obj):

    return (
        WorkflowState.objects.for_instance(obj)
        .select_related("current_task_state")
        .order_by("-created_at", "-pk")
        .first()
    )


def _silence_admin_emails_for(user) -> None:
    """Submitters without admin access get our emails, not Wagtail's admin-link ones."""

    if user.is_superuser or user.has_perm("wagtailadmin.access_admin"):
        return
    profile = UserProfile.get_for_user(user)
    if profile.approved_notifications or profile.rejected_notifications:
        profile.approved_notifications = False
        profile.rejected_notifications = False
        profile.save(update_fields=["approved_notifications", "rejected_notifications"])


@transaction.atomic
def moderation_submit(*, page, user, workflow) -> str:
    """Send ``page`` (its latest revision) to moderation. Returns "submitted" or "resubmitted".

    A submission whose changes were requested resumes its workflow at the same task, so
    moderators see the history and the earlier comment.
    """

    _silence_admin_emails_for(user)
    state = latest_workflow_state(page)
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
        event = "resubmitted"
    elif state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        # Already waiting for a moderator: the new revision is what they will review.
        event = "resubmitted"
    else:
        workflow.start(page, user)
        event = "submitted"
    _email_submitter(page=page, event=event, submitter=user, comment="")
    return event


@dataclass(frozen=True)
class ModerationStatus:
    code: str  # draft | in-moderation | changes-requested | rejected | published
    label: str
    comment: str = ""
    updated_at: datetime | None = None
    badge: str = "draft"

    @property
    def can_edit(self) -> bool:
        return self.code in {"draft", "changes-requested"}


def moderation_status(page) -> ModerationStatus:
    """Where a submitted page stands, with the moderator's latest comment when relevant."""

    state = latest_workflow_state(page)
    if page.live:
        return ModerationStatus(
            "published", str(_("Published")), updated_at=page.last_published_at, badge="success"
        )
    if state is None:
        return ModerationStatus("draft", str(_("Draft")), badge="draft")
    task_state = state.current_task_state
    comment = task_state.get_comment() if task_state else ""
    updated = (task_state.finished_at or task_state.started_at) if task_state else state.created_at
    if state.status == WorkflowState.STATUS_IN_PROGRESS:
        return ModerationStatus(
            "in-moderation", str(_("Waiting for a moderator")), updated_at=updated, badge="warning"
        )
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return ModerationStatus(
            "changes-requested",
            str(_("Changes requested")),
            comment=comment,
            updated_at=updated,
            badge="warning",
        )
    if (
        state.status == WorkflowState.STATUS_CANCELLED
        and task_state
        and task_state.status == TaskState.STATUS_REJECTED
    ):
        return ModerationStatus(
            "rejected", str(_("Rejected")), comment=comment, updated_at=updated, badge="closed"
        )
    if state.status == WorkflowState.STATUS_APPROVED:
        # Approved but since unpublished by an editor.
        return ModerationStatus("draft", str(_("Unpublished")), updated_at=updated, badge="draft")
    return ModerationStatus("draft", str(_("Withdrawn")), updated_at=updated, badge="draft")


class DeclinableApprovalTaskMixin:
    """Adds "Reject" (final, with a comment) to a group approval task's actions.

    Wagtail's "reject" means "request changes" (the submitter may resubmit); "decline"
    rejects the task and cancels the workflow, so the submission ends there.
    Use as ``class MyTask(DeclinableApprovalTaskMixin, AbstractGroupApprovalTask)``.
    """

    def get_actions(self, obj, user):
        actions = list(super().get_actions(obj, user))
        if actions:
            actions.append(("decline", _("Reject"), True))
        return actions

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != "decline":
            return super().on_action(task_state, user, action_name, **kwargs)
        workflow_state = task_state.workflow_state
        workflow_state.declined = True  # read by the signal handlers below
        task_state.reject(user=user, **kwargs)
        workflow_state.refresh_from_db()
        workflow_state.declined = True
        workflow_state.cancel(user=user)
        return None


def register_moderated_model(model, *, email_template: str) -> None:
    """Email the submitter of ``model`` pages at each moderation step (see module doc)."""
    _MODERATED_MODELS[model] = {"email_template": email_template}
    _connect_signals()


def _registration_for(obj) -> dict | None:
    for model, registration in _MODERATED_MODELS.items():
        if isinstance(obj, model):
            return registration
    return None


def _email_submitter(*, page, event: str, submitter, comment: str) -> None:

    page = page.specific
    registration = _registration_for(page)
    if registration is None or submitter is None:
        return
    try:
        email_send(
            to=[submitter.email],
            template=f"{registration['email_template']}_{event.replace('-', '_')}",
            context={
                "page": page,
                "event": event,
                "comment": comment,
                "submitter": submitter,
            },
        )
    except Exception:  # an email failure must not undo a moderator's decision
        logger.exception("Could not email %s about %s of page %s", submitter, event, page.pk)


def _page_of(workflow_state):

    obj = workflow_state.content_object
    return obj.specific if isinstance(obj, Page) else obj


def _on_workflow_rejected(sender, instance, user=None, **kwargs):
    if getattr(instance, "declined", False):
        return  # the cancel that follows sends the rejection
    page = _page_of(instance)
    task_state = instance.current_task_state
    comment = task_state.specific.get_comment() if task_state else ""
    _email_submitter(
        page=page, event="changes_requested", submitter=instance.requested_by, comment=comment
    )


def _on_workflow_cancelled(sender, instance, user=None, **kwargs):
    if not getattr(instance, "declined", False):
        return
    page = _page_of(instance)
    task_state = instance.current_task_state
    comment = task_state.specific.get_comment() if task_state else ""
    _email_submitter(page=page, event="rejected", submitter=instance.requested_by, comment=comment)


def _on_workflow_approved(sender, instance, user=None, **kwargs):
    page = _page_of(instance)
    task_state = instance.current_task_state
    comment = task_state.specific.get_comment() if task_state else ""
    _email_submitter(page=page, event="approved", submitter=instance.requested_by, comment=comment)


def _connect_signals() -> None:

    workflow_rejected.connect(_on_workflow_rejected, dispatch_uid="core.moderation.rejected")
    workflow_cancelled.connect(_on_workflow_cancelled, dispatch_uid="core.moderation.cancelled")
    workflow_approved.connect(_on_workflow_approved, dispatch_uid="core.moderation.approved")
