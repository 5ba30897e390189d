"""Joining, inviting, approving and leaving labs."""

from urllib.parse import urlencode

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.row_links import row_links
from labs import services
from labs.forms import (
    DecisionForm,
    InvitationForm,
    JoinRequestForm,
    ListingForm,
    MemberRoleForm,
    RemovalForm,
    SpaceForm,
    SpaceMemberAddForm,
)
from labs.models import JoinRequestStatus, LabJoinRequest, LabMembership, LabPage, SpaceRole
from labs.selectors import (
    lab_dashboard_context,
    lab_join_role_default,
    lab_managed_or_404,
    lab_membership_for,
)
from labs.views.access import role_change_from_form


def _live_lab_or_404(lab_id: int) -> LabPage:
    return get_object_or_404(LabPage.objects.live().public(), pk=lab_id)


def _trail(lab, label):
    index = lab.get_parent()
    return [(index.title, index.url), (lab.title, lab.url), (label, "")]


@login_required
def join_request(request, lab_id: int):
    lab = _live_lab_or_404(lab_id)
    if lab_membership_for(lab=lab, user=request.user):
        messages.info(request, _("You are already a member of %(lab)s.") % {"lab": lab.title})
        return redirect(lab.url)
    form = JoinRequestForm(
        request.POST if request.method == "POST" else None,
        initial={"role": lab_join_role_default(user=request.user)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            result = services.lab_join_request_create(
                lab=lab,
                user=request.user,
                message=form.cleaned_data["message"],
                role=form.cleaned_data["role"],
            )
        except services.MembershipError as error:
            messages.error(request, error.messages[0])
            return redirect(lab.url)
        if isinstance(result, LabMembership):
            messages.success(request, _("Welcome to %(lab)s!") % {"lab": lab.title})
        else:
            messages.success(
                request,
                _("Your request was sent to the leads of %(lab)s. We will email you their answer.")
                % {"lab": lab.title},
            )
        return redirect(lab.url)
    return render(
        request,
        "labs/join_request.html",
        {"lab": lab, "form": form, "trail": _trail(lab, _("Ask to join"))},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def join_request_withdraw(request, lab_id: int):
    lab = _live_lab_or_404(lab_id)
    pending = get_object_or_404(
        LabJoinRequest, lab=lab, user=request.user, status=JoinRequestStatus.PENDING
    )
    services.lab_join_request_withdraw(join_request=pending, user=request.user)
    messages.success(request, _("Your request was withdrawn."))
    return redirect(lab.url)


@login_required
def membership_settings(request, lab_id: int):
    lab = _live_lab_or_404(lab_id)
    membership = lab_membership_for(lab=lab, user=request.user)
    if membership is None:
        raise Http404
    form = ListingForm(request.POST if request.method == "POST" else None, instance=membership)
    if request.method == "POST" and form.is_valid():
        services.lab_membership_listing_set(
            membership=membership, is_listed=form.cleaned_data["is_listed"]
        )
        messages.success(request, _("Your membership settings were saved."))
        return redirect(lab.url)
    return render(
        request,
        "labs/membership_settings.html",
        {
            "lab": lab,
            "form": form,
            "membership": membership,
            "trail": _trail(lab, _("Your membership")),
        },
    )


@login_required
@require_POST
def leave(request, lab_id: int):
    lab = _live_lab_or_404(lab_id)
    membership = lab_membership_for(lab=lab, user=request.user)
    if membership is None:
        raise Http404
    try:
        services.lab_membership_end(membership=membership, ended_by=request.user)
    except services.MembershipError as error:
        messages.error(request, error.messages[0])
        return redirect("labs:membership_settings", lab_id=lab.pk)
    messages.success(request, _("You have left %(lab)s.") % {"lab": lab.title})
    return redirect(lab.url)


def _add_row_links(context: dict, *, lab_id: int) -> None:
    """Each request, member and invitation row's action addresses, one reverse() per kind."""
    links = (
        ("pending_requests", "decide_url", "labs:join_request_decide", "request_id"),
        ("members", "role_change_url", "labs:member_role_change", "membership_id"),
        ("members", "remove_url", "labs:member_remove", "membership_id"),
        ("invitations", "revoke_url", "labs:invitation_revoke", "invitation_id"),
    )
    for key, attr, viewname, id_kwarg in links:
        page = context[key]
        page.object_list = row_links(
            page.object_list, attr=attr, viewname=viewname, id_kwarg=id_kwarg, lab_id=lab_id
        )


@login_required
def lab_manage(request, lab_id: int):
    lab = lab_managed_or_404(lab_id=lab_id, user=request.user)
    context = lab_dashboard_context(lab=lab, viewer=request.user, params=request.GET)
    _add_row_links(context, lab_id=lab.pk)
    context.update(
        {
            "lab": lab,
            "invitation_form": InvitationForm(),
            "decision_form": DecisionForm(),
            "trail": _trail(lab, _("Manage")),
        }
    )
    return render(request, "labs/lab_manage.html", context)


@login_required
@require_POST
def join_request_decide(request, lab_id: int, request_id: int):
    lab = lab_managed_or_404(lab_id=lab_id, user=request.user)
    pending = get_object_or_404(LabJoinRequest, lab=lab, pk=request_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or decline."))
        return redirect("labs:lab_manage", lab_id=lab.pk)
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.lab_join_request_decide(
            join_request=pending,
            decided_by=request.user,
            approve=approve,
            reason=form.cleaned_data["reason"],
        )
    except services.MembershipError as error:
        messages.error(request, error.messages[0])
    else:
        person = pending.user.public_name
        messages.success(
            request,
            (
                _("%(person)s is now a member.")
                if approve
                else _("You declined %(person)s's request.")
            )
            % {"person": person},
        )
    return redirect("labs:lab_manage", lab_id=lab.pk)


@login_required
@require_POST
def invitation_create(request, lab_id: int):
    lab = lab_managed_or_404(lab_id=lab_id, user=request.user)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            services.lab_invitation_create(lab=lab, invited_by=request.user, **form.cleaned_data)
        except services.MembershipError as error:
            form.add_error("email", error.messages[0])
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]}
            )
            return redirect("labs:lab_manage", lab_id=lab.pk)
    context = lab_dashboard_context(lab=lab, viewer=request.user, params=request.GET)
    _add_row_links(context, lab_id=lab.pk)
    context.update(
        {
            "lab": lab,
            "invitation_form": form,
            "decision_form": DecisionForm(),
            "trail": _trail(lab, _("Manage")),
        }
    )
    return render(request, "labs/lab_manage.html", context, status=400)


@login_required
@require_POST
def invitation_revoke(request, lab_id: int, invitation_id: int):
    lab = lab_managed_or_404(lab_id=lab_id, user=request.user)
    invitation = get_object_or_404(lab.invitations, pk=invitation_id)
    try:
        services.lab_invitation_revoke(invitation=invitation, revoked_by=request.user)
    except services.MembershipError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email}
        )
    return redirect("labs:lab_manage", lab_id=lab.pk)


def invitation_accept(request, token: str):
    invitation = services.invitation_from_token(token)
    if invitation is None:
        return render(request, "labs/invitation_invalid.html", status=404)
    if not request.user.is_authenticated:
        return render(
            request,
            "labs/invitation_accept.html",
            {"invitation": invitation, "lab": invitation.lab, "token": token},
        )
    if request.method == "POST":
        try:
            services.lab_invitation_accept(invitation=invitation, user=request.user)
        except services.MembershipError as error:
            return render(
                request,
                "labs/invitation_accept.html",
                {"invitation": invitation, "lab": invitation.lab, "error": error.messages[0]},
                status=400,
            )
        messages.success(request, _("Welcome to %(lab)s!") % {"lab": invitation.lab.title})
        return redirect(invitation.lab.url)
    return render(
        request, "labs/invitation_accept.html", {"invitation": invitation, "lab": invitation.lab}
    )


def invitation_signup(request, token: str):
    """Sign up from an invitation: the invited address is filled in and locked.

    The link came in an email to that address, so allauth may treat it as verified
    (``stash_verified_email``); the sign-up form then accepts only that address. After
    signing up the person is back on the invitation to accept it.
    """
    invitation = services.invitation_from_token(token)
    if invitation is None:
        return render(request, "labs/invitation_invalid.html", status=404)
    invitation_url = reverse("labs:invitation_accept", kwargs={"token": token})
    if request.user.is_authenticated or not services.invitation_is_usable(invitation):
        return redirect(invitation_url)
    get_adapter(request).stash_verified_email(request, invitation.email)
    return redirect(f"{reverse('account_signup')}?{urlencode({'next': invitation_url})}")


@login_required
@require_POST
def member_role_change(request, lab_id: int, membership_id: int):
    lab = lab_managed_or_404(lab_id=lab_id, user=request.user)
    membership = get_object_or_404(lab.memberships, pk=membership_id)
    role_change_from_form(
        request,
        MemberRoleForm(request.POST),
        change=services.lab_membership_role_change,
        membership=membership,
    )
    return redirect("labs:lab_manage", lab_id=lab.pk)


@login_required
@require_POST
def member_remove(request, lab_id: int, membership_id: int):
    lab = lab_managed_or_404(lab_id=lab_id, user=request.user)
    membership = get_object_or_404(lab.memberships.select_related("user"), pk=membership_id)
    form = RemovalForm(request.POST)
    form.is_valid()
    try:
        services.lab_membership_end(
            membership=membership, ended_by=request.user, reason=form.cleaned_data.get("reason", "")
        )
    except services.MembershipError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("%(person)s was removed from the lab.") % {"person": membership.user.public_name},
        )
    return redirect("labs:lab_manage", lab_id=lab.pk)


@login_required
def space_create(request, lab_id: int):
    lab = lab_managed_or_404(lab_id=lab_id, user=request.user)
    form = SpaceForm(request.POST if request.method == "POST" else None)
    member_form = SpaceMemberAddForm(
        request.POST if request.method == "POST" else None, prefix="first"
    )
    member_form.fields["person"].required = False
    if request.method == "POST" and form.is_valid() and member_form.is_valid():
        members = []
        if member_form.cleaned_data.get("person"):
            members.append((member_form.cleaned_data["person"], member_form.cleaned_data["role"]))
        space = services.project_space_create(
            lab=lab,
            title=form.cleaned_data["title"],
            goal=form.cleaned_data["goal"],
            created_by=request.user,
            members=members,
        )
        services.project_space_update(
            space=space,
            updated_by=request.user,
            status=form.cleaned_data["status"],
            start_date=form.cleaned_data["start_date"],
            end_date=form.cleaned_data["end_date"],
            is_listed=form.cleaned_data["is_listed"],
        )
        messages.success(
            request,
            _("The space “%(title)s” is ready. Only its members can see it.")
            % {"title": space.title},
        )
        return redirect(space.get_absolute_url())
    return render(
        request,
        "labs/space_form.html",
        {
            "lab": lab,
            "form": form,
            "member_form": member_form,
            "default_role": SpaceRole.MEMBER,
            "trail": _trail(lab, _("New project space")),
        },
        status=400 if request.method == "POST" else 200,
    )
