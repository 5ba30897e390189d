"""A space's deliverables: members write them and mark them ready; the supervisor signs off."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.paging import page_of
from labs import selectors
from labs.forms import DeliverableForm, SignOffForm
from labs.services import MembershipError
from labs.services.cohorts import (
    deliverable_create,
    deliverable_mark_ready,
    deliverable_sign_off,
    deliverable_update,
)
from labs.views.access import space_access
from labs.views.spaces import space_trail

DELIVERABLES_PER_PAGE = 20


def _list_crumb(space):
    return (_("Deliverables"), reverse("labs:deliverable_list", kwargs={"space_id": space.pk}))


@never_cache
@login_required
def deliverable_list(request, space_id: int):
    access = space_access(request, space_id)
    return render(
        request,
        "labs/space/deliverable_list.html",
        access.context(
            deliverables=page_of(
                selectors.space_deliverables(space=access.space),
                request.GET,
                per_page=DELIVERABLES_PER_PAGE,
            ),
            has_supervisor=selectors.space_has_supervisor(access.space),
            tab="deliverables",
            trail=space_trail(access.space, _("Deliverables")),
        ),
    )


def _deliverable_form_page(request, access, *, deliverable=None):
    form = DeliverableForm(
        request.POST if request.method == "POST" else None,
        instance=deliverable,
        space=access.space,
    )
    if request.method == "POST" and form.is_valid():
        fields = {
            "title": form.cleaned_data["title"],
            "summary": form.cleaned_data["summary"],
            "files": list(form.cleaned_data["files"]),
        }
        try:
            if deliverable is None:
                deliverable = deliverable_create(
                    space=access.space, created_by=request.user, **fields
                )
                messages.success(request, _("The deliverable was added."))
            else:
                deliverable = deliverable_update(
                    deliverable=deliverable, updated_by=request.user, **fields
                )
                messages.success(request, _("The deliverable was saved."))
        except (MembershipError, ValidationError) as error:
            form.add_error(None, error)
        else:
            return redirect(deliverable.get_absolute_url())
    label = _("New deliverable") if deliverable is None else _("Edit")
    return render(
        request,
        "labs/space/deliverable_form.html",
        access.context(
            form=form,
            deliverable=deliverable,
            tab="deliverables",
            trail=space_trail(access.space, _list_crumb(access.space), label),
        ),
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@login_required
def deliverable_new(request, space_id: int):
    return _deliverable_form_page(request, space_access(request, space_id, write=True))


@never_cache
@login_required
def deliverable_edit(request, space_id: int, deliverable_id: int):
    access = space_access(request, space_id, write=True)
    deliverable = get_object_or_404(access.space.deliverables, pk=deliverable_id)
    if deliverable.is_approved:
        raise PermissionDenied("An approved deliverable can no longer be changed.")
    return _deliverable_form_page(request, access, deliverable=deliverable)


def _detail_page(request, access, deliverable, *, sign_off_form=None, status=200):
    return render(
        request,
        "labs/space/deliverable_detail.html",
        access.context(
            deliverable=deliverable,
            sign_off_form=sign_off_form or SignOffForm(),
            has_supervisor=selectors.space_has_supervisor(access.space),
            tab="deliverables",
            trail=space_trail(access.space, _list_crumb(access.space), deliverable.title),
            **selectors.deliverable_detail(deliverable=deliverable),
        ),
        status=status,
    )


@never_cache
@login_required
def deliverable_detail(request, space_id: int, deliverable_id: int):
    access = space_access(request, space_id)
    deliverable = get_object_or_404(
        access.space.deliverables.select_related("created_by"), pk=deliverable_id
    )
    return _detail_page(request, access, deliverable)


@login_required
@require_POST
def deliverable_ready(request, space_id: int, deliverable_id: int):
    access = space_access(request, space_id, write=True)
    deliverable = get_object_or_404(access.space.deliverables, pk=deliverable_id)
    try:
        deliverable_mark_ready(deliverable=deliverable, marked_by=request.user)
    except MembershipError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("Marked ready: the supervisor was told.")
            if selectors.space_has_supervisor(access.space)
            else _("Marked ready."),
        )
    return redirect(deliverable.get_absolute_url())


@login_required
@require_POST
def deliverable_sign_off_view(request, space_id: int, deliverable_id: int):
    access = space_access(request, space_id)
    if not access.is_supervisor:
        raise PermissionDenied("Only the space's supervisor signs off its deliverables.")
    deliverable = get_object_or_404(
        access.space.deliverables.select_related("created_by"), pk=deliverable_id
    )
    form = SignOffForm(request.POST)
    if form.is_valid():
        try:
            deliverable_sign_off(
                deliverable=deliverable,
                reviewer=request.user,
                decision=form.cleaned_data["decision"],
                comment=form.cleaned_data["comment"],
            )
        except (MembershipError, ValidationError) as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your sign-off was recorded and the team was emailed."))
            return redirect(deliverable.get_absolute_url())
    return _detail_page(request, access, deliverable, sign_off_form=form, status=400)
