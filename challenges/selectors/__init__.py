"""Reads of the challenges app; views, contexts and other apps call these.

Import from here (``from challenges import selectors``); the submodules split the reads by
concern as the services do: the public index (list, filters, facets, status), one brief and its
owners, proposals and reviews, the clearance of findings, matchmaking.
"""

from challenges.selectors.briefs import (
    approved_proposed_agency,
    challenges_owned_by,
    published_brief_moderation,
    verified_agency_id,
)
from challenges.selectors.clearance import (
    finding_clearances,
    finding_draft,
    findings_awaiting_clearance,
)
from challenges.selectors.index import (
    ChallengeFilters,
    annotate_status,
    challenge_cards,
    challenge_facets,
    challenge_list,
    closing_soon,
    featured_open_challenges,
    public_challenges,
    statuses_now,
    uptake_figures,
)
from challenges.selectors.matchmaking import (
    challenges_matched_for,
    labs_led_by,
    students_matched_for,
)
from challenges.selectors.proposals import (
    proposal_still_editable,
    proposals_for_reviewer,
    proposals_of_user,
    ranked_proposals,
    review_invitations_of,
)

__all__ = [
    "ChallengeFilters",
    "annotate_status",
    "approved_proposed_agency",
    "challenge_cards",
    "challenge_facets",
    "challenge_list",
    "challenges_matched_for",
    "challenges_owned_by",
    "closing_soon",
    "featured_open_challenges",
    "finding_clearances",
    "finding_draft",
    "findings_awaiting_clearance",
    "labs_led_by",
    "proposal_still_editable",
    "proposals_for_reviewer",
    "proposals_of_user",
    "public_challenges",
    "published_brief_moderation",
    "ranked_proposals",
    "review_invitations_of",
    "statuses_now",
    "students_matched_for",
    "uptake_figures",
    "verified_agency_id",
]
