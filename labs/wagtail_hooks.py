"""Admin screens for lab membership data. Project spaces are deliberately not listed here:
their content is private to members, even from moderators."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from labs.models import LabAuditEntry, LabInvitation, LabJoinRequest, LabMembership


class LabMembershipViewSet(SnippetViewSet):
    model = LabMembership
    icon = "group"
    menu_label = _("Members")
    list_display = ["user", "lab", "role", "is_listed", "joined_at"]
    list_filter = ["role", "is_listed"]
    search_fields = ["user__username", "user__display_name", "user__email"]
    ordering = ["lab__title", "role"]


class LabJoinRequestViewSet(SnippetViewSet):
    model = LabJoinRequest
    icon = "mail"
    menu_label = _("Join requests")
    list_display = ["user", "lab", "role", "status", "created_at", "decided_at"]
    list_filter = ["status", "role"]
    search_fields = ["user__username", "user__display_name", "message"]
    inspect_view_enabled = True


class LabInvitationViewSet(SnippetViewSet):
    model = LabInvitation
    icon = "mail"
    menu_label = _("Invitations")
    list_display = ["email", "lab", "role", "status", "expires_at"]
    list_filter = ["status", "role"]
    search_fields = ["email"]
    inspect_view_enabled = True


class LabAuditEntryViewSet(SnippetViewSet):
    model = LabAuditEntry
    icon = "history"
    menu_label = _("Audit log")
    list_display = ["created_at", "lab", "actor", "action", "subject", "detail"]
    list_filter = ["action"]
    search_fields = ["detail", "subject_email", "actor__username", "subject__username"]
    inspect_view_enabled = True


class LabMembershipGroup(SnippetViewSetGroup):
    menu_label = _("Lab membership")
    menu_icon = "group"
    menu_order = 260
    items = (
        LabMembershipViewSet,
        LabJoinRequestViewSet,
        LabInvitationViewSet,
        LabAuditEntryViewSet,
    )


register_snippet(LabMembershipGroup)
