"""Reads about labs and their membership: who belongs, who manages, the lab lead's dashboard."""

from django.db.models import Count
from django.http import Http404

from core.languages import one_per_translation
from core.models import Profile, ProfileRole
from core.moderation import is_moderator
from core.paging import page_of
from core.row_links import row_labels
from labs.models import (
    InvitationStatus,
    JoinRequestStatus,
    LabAuditAction,
    LabMembership,
    LabPage,
    LabRole,
    SpaceMembership,
)
from labs.selectors.cohorts import lab_cohorts


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


def _with_action_labels(entries) -> list:
    """The entries, each with its action's label as ``action_label``.

    get_action_display() hashes every choice's lazy label (a catalogue lookup each) on every
    call; with 50 entries on the page that was most of the record's rendering time.
    """
    return row_labels(entries, attr="action_label", field="action", choices=LabAuditAction.choices)


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
        "audit_entries": _with_action_labels(
            lab.audit_entries.select_related("actor", "subject")[:50]
        ),
        "spaces": page(lab.spaces.order_by("-updated_at", "-pk"), "spaces"),
        "cohorts": page(lab_cohorts(lab=lab), "cohorts"),
    }
