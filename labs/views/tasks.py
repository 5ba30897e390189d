"""Milestones and tasks of a project space."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.paging import page_of
from core.params import query_int
from labs import selectors, services
from labs.forms import MilestoneForm, TaskForm, TaskStatusForm
from labs.models import TaskStatus
from labs.views.access import space_access
from labs.views.spaces import space_trail, task_rows

TASKS_PER_PAGE = 50


@never_cache
@login_required
def task_list(request, space_id: int):
    access = space_access(request, space_id)
    status = request.GET.get("status", "open")
    assignee_id = query_int(request.GET, "assignee", minimum=1)
    tasks = page_of(
        selectors.space_tasks(space=access.space, status=status, assignee_id=assignee_id),
        request.GET,
        per_page=TASKS_PER_PAGE,
    )
    tasks.object_list = task_rows(tasks.object_list, space=access.space)
    milestones = access.space.milestones.all()
    return render(
        request,
        "labs/space/task_list.html",
        access.context(
            tasks=tasks,
            milestones=milestones,
            status=status,
            assignee="" if assignee_id is None else str(assignee_id),
            status_choices=[("open", _("Open")), *TaskStatus.choices, ("all", _("All"))],
            members=access.space.memberships.select_related("user"),
            tab="tasks",
            trail=space_trail(access.space, _("Tasks")),
        ),
    )


def _save_task_form(request, access, form, task=None):
    data = form.cleaned_data
    try:
        if task is None:
            return services.task_create(space=access.space, created_by=request.user, **data)
        return services.task_update(task=task, updated_by=request.user, **data)
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            for message in errors:
                form.add_error(field, message)
        return None


@never_cache
@login_required
def task_create(request, space_id: int):
    access = space_access(request, space_id, write=True)
    form = TaskForm(request.POST if request.method == "POST" else None, space=access.space)
    if request.method == "POST" and form.is_valid():
        task = _save_task_form(request, access, form)
        if task is not None:
            messages.success(request, _("Task “%(title)s” added.") % {"title": task.title})
            return redirect("labs:task_list", space_id=space_id)
    return render(
        request,
        "labs/space/task_form.html",
        access.context(
            form=form,
            tab="tasks",
            trail=space_trail(
                access.space,
                (_("Tasks"), reverse("labs:task_list", args=[access.space.pk])),
                _("New task"),
            ),
        ),
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@login_required
def task_detail(request, space_id: int, task_id: int):
    access = space_access(request, space_id)
    task = get_object_or_404(
        access.space.tasks.select_related("assignee", "milestone", "created_by"), pk=task_id
    )
    return render(
        request,
        "labs/space/task_detail.html",
        access.context(
            task=task,
            status_form=TaskStatusForm(instance=task),
            tab="tasks",
            trail=space_trail(
                access.space,
                (_("Tasks"), reverse("labs:task_list", args=[access.space.pk])),
                task.title,
            ),
        ),
    )


@never_cache
@login_required
def task_edit(request, space_id: int, task_id: int):
    access = space_access(request, space_id, write=True)
    task = get_object_or_404(access.space.tasks, pk=task_id)
    form = TaskForm(
        request.POST if request.method == "POST" else None, instance=task, space=access.space
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _save_task_form(request, access, form, task=task) is not None
    ):
        messages.success(request, _("Task updated."))
        return redirect(task.get_absolute_url())
    return render(
        request,
        "labs/space/task_form.html",
        access.context(
            form=form,
            task=task,
            tab="tasks",
            trail=space_trail(
                access.space,
                (_("Tasks"), reverse("labs:task_list", args=[access.space.pk])),
                task.title,
            ),
        ),
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@login_required
@require_POST
def task_status(request, space_id: int, task_id: int):
    access = space_access(request, space_id, write=True)
    task = get_object_or_404(access.space.tasks, pk=task_id)
    form = TaskStatusForm(request.POST, instance=task)
    if form.is_valid():
        services.task_update(task=task, updated_by=request.user, status=form.cleaned_data["status"])
        messages.success(
            request,
            _("“%(title)s” is now %(status)s.")
            % {"title": task.title, "status": task.get_status_display().lower()},
        )
    else:
        messages.error(request, _("Choose a valid status."))
    return redirect(
        request.POST.get("next")
        if request.POST.get("next", "").startswith("/spaces/")
        else task.get_absolute_url()
    )


@never_cache
@login_required
def milestone_create(request, space_id: int):
    access = space_access(request, space_id, write=True)
    form = MilestoneForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.milestone_create(space=access.space, created_by=request.user, **form.cleaned_data)
        messages.success(request, _("Milestone added."))
        return redirect("labs:task_list", space_id=space_id)
    return render(
        request,
        "labs/space/milestone_form.html",
        access.context(
            form=form,
            tab="tasks",
            trail=space_trail(
                access.space,
                (_("Tasks"), reverse("labs:task_list", args=[access.space.pk])),
                _("New milestone"),
            ),
        ),
        status=400 if request.method == "POST" else 200,
    )
