"""Panels for the personal dashboard (core.dashboard), registered in ChallengesConfig.ready()."""

from django.utils.translation import gettext as _

from core.models import ProfileRole
from core.moderation import moderation_status

from . import permissions, selectors


def challenges_panel(request):
    user = request.user
    owned = list(selectors.challenges_owned_by(user=user)[:10])
    verification = user.policymaker_verifications.first()
    if not owned and not permissions.can_submit_brief(user) and verification is None:
        return None
    return {
        "title": _("My challenges"),
        "template": "challenges/dashboard/challenges_panel.html",
        "challenges": [
            (page, page.status, None if page.live else moderation_status(page)) for page in owned
        ],
        "can_submit_brief": permissions.can_submit_brief(user),
        "verification": verification,
    }


def proposals_panel(request):
    proposals = list(selectors.proposals_of_user(user=request.user)[:10])
    if not proposals and not permissions.can_propose(request.user):
        return None
    return {
        "title": _("My proposals"),
        "template": "challenges/dashboard/proposals_panel.html",
        "proposals": proposals,
    }


def reviews_panel(request):
    invitations = list(selectors.review_invitations_of(user=request.user)[:10])
    if not invitations:
        return None
    return {
        "title": _("Review invitations"),
        "template": "challenges/dashboard/reviews_panel.html",
        "invitations": invitations,
    }


#: Suggestions the dashboard shows; the rest are on the "Challenges for you" page.
DASHBOARD_MATCHES = 5


def matches_panel(request):
    """ "Challenges for you": open challenges that fit the person's profile and labs."""
    user = request.user
    profile = getattr(user, "profile", None)
    if profile is None or not profile.matching_enabled:
        return None
    if profile.role in (ProfileRole.POLICYMAKER, ProfileRole.PARTNER):
        return None
    matches = selectors.challenges_matched_for(user=user)
    if not matches:
        # Hidden rather than empty: the dashboard already asks for the missing profile details.
        return None
    return {
        "title": _("Challenges for you"),
        "template": "challenges/dashboard/matches_panel.html",
        "matches": matches[:DASHBOARD_MATCHES],
        "has_more": len(matches) > DASHBOARD_MATCHES,
    }
