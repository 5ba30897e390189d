"""A project space's overview, members, notification settings, activity, search, publishing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.forms import markdown_preview_requested, show_markdown_previews
from core.paging import page_of
from core.row_links import row_labels, row_links, row_short_dates
from labs import selectors, services
from labs.forms import (
    FindingProposalForm,
    NotificationPreferenceForm,
    SpaceForm,
    SpaceMemberAddForm,
    SpaceMemberRoleForm,
    add_deliverable_choice,
)
from labs.models import TaskStatus
from labs.services.publishing import finding_proposal_blocker
from labs.views.access import role_change_from_form, space_access

ACTIVITY_PER_PAGE = 30


def space_trail(space, *crumbs):
    """Breadcrumbs: lab, space, then ``crumbs`` (labels, or (label, url) pairs)."""
    trail = [(space.lab.title, space.lab.url), (space.title, space.get_absolute_url())]
    for crumb in crumbs:
        trail.append(crumb if isinstance(crumb, tuple) else (crumb, ""))
    return trail


def task_rows(tasks, *, space) -> list:
    """``tasks`` with what ``labs/includes/task_table.html`` shows of each, worked out once."""
    tasks = row_links(
        tasks, attr="row_url", viewname="labs:task_detail", id_kwarg="task_id", space_id=space.pk
    )
    row_labels(tasks, attr="status_text", field="status", choices=TaskStatus.choices)
    return row_short_dates(tasks, attr="due_text", field="due_date")


@never_cache
@login_required
def space_detail(request, space_id: int):
    access = space_access(request, space_id)
    context = access.context(**selectors.space_overview(space=access.space), tab="overview")
    context["open_tasks"] = task_rows(context["open_tasks"], space=access.space)
    context["trail"] = space_trail(access.space)
    return render(request, "labs/space/detail.html", context)


@never_cache
@login_required
def space_edit(request, space_id: int):
    access = space_access(request, space_id, owner=True)
    form = SpaceForm(request.POST if request.method == "POST" else None, instance=access.space)
    if request.method == "POST" and form.is_valid():
        services.project_space_update(
            space=access.space, updated_by=request.user, **form.cleaned_data
        )
        messages.success(request, _("The overview was updated."))
        return redirect(access.space.get_absolute_url())
    return render(
        request,
        "labs/space/edit.html",
        access.context(form=form, tab="overview", trail=space_trail(access.space, _("Edit"))),
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@login_required
def space_members(request, space_id: int):
    access = space_access(request, space_id)
    form = SpaceMemberAddForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        access = space_access(request, space_id, owner=True)
        if form.is_valid():
            try:
                services.space_member_add(
                    space=access.space,
                    user=form.cleaned_data["person"],
                    role=form.cleaned_data["role"],
                    added_by=request.user,
                )
            except services.MembershipError as error:
                form.add_error("person", error.messages[0])
            else:
                messages.success(
                    request,
                    _("%(person)s can now see this space.")
                    % {"person": form.cleaned_data["person"].public_name},
                )
                return redirect("labs:space_members", space_id=space_id)
    members = access.space.memberships.select_related("user__profile").order_by(
        "role", "created_at"
    )
    return render(
        request,
        "labs/space/members.html",
        access.context(
            members=members,
            form=form,
            role_form=SpaceMemberRoleForm(),
            tab="members",
            trail=space_trail(access.space, _("Members")),
        ),
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@login_required
@require_POST
def space_member_role(request, space_id: int, membership_id: int):
    access = space_access(request, space_id, owner=True)
    membership = get_object_or_404(
        access.space.memberships.select_related("user"), pk=membership_id
    )
    role_change_from_form(
        request,
        SpaceMemberRoleForm(request.POST),
        change=services.space_member_role_change,
        membership=membership,
    )
    return redirect("labs:space_members", space_id=space_id)


@never_cache
@login_required
@require_POST
def space_member_remove(request, space_id: int, membership_id: int):
    access = space_access(request, space_id)
    membership = get_object_or_404(
        access.space.memberships.select_related("user"), pk=membership_id
    )
    leaving = membership.pk == access.membership.pk
    if not leaving:
        access = space_access(request, space_id, owner=True)
    try:
        services.space_member_remove(membership=membership, removed_by=request.user)
    except services.MembershipError as error:
        messages.error(request, error.messages[0])
        return redirect("labs:space_members", space_id=space_id)
    if leaving:
        messages.success(request, _("You left “%(title)s”.") % {"title": access.space.title})
        return redirect("core:dashboard")
    messages.success(
        request,
        _("%(person)s no longer has access to this space.")
        % {"person": membership.user.public_name},
    )
    return redirect("labs:space_members", space_id=space_id)


@never_cache
@login_required
def space_notifications(request, space_id: int):
    access = space_access(request, space_id)
    form = NotificationPreferenceForm(
        request.POST if request.method == "POST" else None, instance=access.membership
    )
    if request.method == "POST" and form.is_valid():
        services.space_notification_preference_set(
            membership=access.membership,
            preference=form.cleaned_data["notification_preference"],
        )
        messages.success(request, _("Your email settings for this space were saved."))
        return redirect(access.space.get_absolute_url())
    return render(
        request,
        "labs/space/notifications.html",
        access.context(
            form=form, tab="overview", trail=space_trail(access.space, _("Email settings"))
        ),
    )


@never_cache
@login_required
def activity(request):
    """Everything others did in the person's spaces, folded and paged (the dashboard's "more")."""
    page_obj = page_of(
        selectors.user_activity(request.user), request.GET, per_page=ACTIVITY_PER_PAGE
    )
    return render(
        request,
        "labs/activity.html",
        {
            "page_obj": page_obj,
            "entries": selectors.activity_entries(page_obj.object_list),
            "trail": [(_("Dashboard"), reverse("core:dashboard")), (_("Activity"), "")],
        },
    )


@never_cache
@login_required
def space_person(request, space_id: int, username: str):
    """Where an @mention in the space's posts links: the person's profile if the reader may
    see it, else the member list. Members of the space only, like everything in it."""
    access = space_access(request, space_id)
    target = selectors.space_mention_target(
        space=access.space, username=username, viewer=request.user
    )
    if target is None:
        raise Http404
    return redirect(target)


@never_cache
@login_required
def space_activity(request, space_id: int):
    access = space_access(request, space_id)
    page_obj = page_of(
        selectors.space_activity(space=access.space), request.GET, per_page=ACTIVITY_PER_PAGE
    )
    return render(
        request,
        "labs/space/activity.html",
        access.context(
            page_obj=page_obj,
            entries=selectors.activity_entries(page_obj.object_list),
            tab="activity",
            trail=space_trail(access.space, _("Activity")),
        ),
    )


@never_cache
@login_required
def space_search(request, space_id: int):
    access = space_access(request, space_id)
    query = request.GET.get("q", "")[:200]
    results = selectors.space_search(space=access.space, query=query)
    return render(
        request,
        "labs/space/search.html",
        access.context(
            query=query, results=results, tab="search", trail=space_trail(access.space, _("Search"))
        ),
    )


@never_cache
@login_required
def finding_propose(request, space_id: int):
    access = space_access(request, space_id, owner=True)
    initial = {
        "title": access.space.title,
        "authors": [m.user_id for m in access.space.memberships.exclude(role="observer")],
    }
    form = FindingProposalForm(
        request.POST if request.method == "POST" else None, space=access.space, initial=initial
    )
    blocked_reason = ""
    if selectors.space_has_supervisor(access.space):
        add_deliverable_choice(form, space=access.space)
        if not form.fields["deliverable"].queryset.exists():
            blocked_reason = finding_proposal_blocker(space=access.space)
    previewing = markdown_preview_requested(request)
    if previewing:
        show_markdown_previews(form)
    elif request.method == "POST" and not blocked_reason and form.is_valid():
        try:
            finding = services.finding_propose_from_space(
                space=access.space,
                proposed_by=request.user,
                title=form.cleaned_data["title"],
                abstract=form.cleaned_data["abstract"],
                files=list(form.cleaned_data["files"]),
                authors=list(form.cleaned_data["authors"]),
                licence=form.cleaned_data["licence"],
                deliverable=form.cleaned_data.get("deliverable"),
            )
        except services.MembershipError as error:
            messages.error(request, error.messages[0])
        else:
            if finding.workflow_in_progress:
                sent = _(
                    "Your finding was sent to the moderators. It becomes public only when they approve it; this space stays private."
                )
            else:
                sent = _(
                    "Your finding was sent to the challenge's owners for clearance. The moderators see it once they clear it; this space stays private."
                )
            messages.success(request, sent)
            return redirect(access.space.get_absolute_url())
    return render(
        request,
        "labs/space/finding_form.html",
        access.context(
            form=form,
            blocked_reason=blocked_reason,
            tab="overview",
            trail=space_trail(access.space, _("Propose a finding")),
        ),
        status=400 if request.method == "POST" and not previewing else 200,
    )
