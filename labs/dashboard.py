"""Panels the labs app adds to the personal dashboard (registered in LabsConfig.ready)."""

from django.utils.translation import gettext as _

from labs import selectors

#: Rows the dashboard shows, folded from at most this many latest actions; the rest are on
#: the "all activity" page.
DASHBOARD_ACTIVITY_ROWS = 6
DASHBOARD_ACTIVITY_READ = 30


def labs_panel(request) -> dict | None:
    user = request.user
    if not user.is_authenticated:
        return None
    memberships = list(selectors.user_lab_memberships(user))
    pending = list(selectors.user_pending_requests(user))
    invitations = list(selectors.user_pending_invitations(user))
    return {
        "title": _("Your labs"),
        "template": "labs/dashboard/labs_panel.html",
        "memberships": memberships,
        "pending_requests": pending,
        "invitations": invitations,
    }


def lead_requests_panel(request) -> dict | None:
    user = request.user
    if not user.is_authenticated:
        return None
    awaiting = list(selectors.lab_requests_awaiting(user)[:10])
    if not awaiting:
        return None
    return {
        "title": _("Requests waiting for your answer"),
        "template": "labs/dashboard/lead_requests_panel.html",
        "join_requests": awaiting,
    }


def spaces_panel(request) -> dict | None:
    user = request.user
    if not user.is_authenticated:
        return None
    spaces = list(selectors.spaces_for_user(user)[:8])
    if not spaces:
        return None
    return {
        "title": _("Your project spaces"),
        "template": "labs/dashboard/spaces_panel.html",
        "spaces": spaces,
        "tasks_due": list(selectors.user_tasks_due(user)),
        "supervises": selectors.user_supervises(user),
    }


def activity_panel(request) -> dict | None:
    user = request.user
    if not user.is_authenticated:
        return None
    entries = selectors.activity_entries(selectors.user_activity(user)[:DASHBOARD_ACTIVITY_READ])
    if not entries:
        return None
    return {
        "title": _("Recent activity in your spaces"),
        "template": "labs/dashboard/activity_panel.html",
        "entries": entries[:DASHBOARD_ACTIVITY_ROWS],
    }
