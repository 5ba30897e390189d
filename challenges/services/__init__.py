"""Writes of the challenges app. Keyword-only, typed, atomic; views and other apps call these.

Import from here (``from challenges import services``); the submodules split the work by concern
as the views do: verification, briefs, engagement, proposals, reviews (and selection), outcomes.
"""

from challenges.services.agencies import agency_propose, proposed_agency_decision_announce
from challenges.services.briefs import (
    brief_revision_base,
    challenge_brief_draft_save,
    challenge_brief_resubmit,
    challenge_brief_revise,
    challenge_brief_submit,
)
from challenges.services.deadlines import challenge_deadline_extend
from challenges.services.engagement import (
    challenge_follow,
    challenge_unfollow,
    challenge_update_post,
    question_answer,
    question_ask,
    question_hide,
)
from challenges.services.outcomes import agency_response_record, challenge_state_set
from challenges.services.proposals import (
    DeadlinePassed,
    proposal_attachment_add,
    proposal_attachment_remove,
    proposal_start,
    proposal_submit,
    proposal_update,
    proposal_withdraw,
)
from challenges.services.reviews import (
    proposal_feedback_set,
    proposal_select,
    proposal_shortlist,
    review_save,
    reviewer_invite,
    reviewer_remove,
    selection_finalise,
)
from challenges.services.verification import (
    policymaker_verification_decide,
    policymaker_verification_request,
)

__all__ = [
    "DeadlinePassed",
    "agency_propose",
    "proposed_agency_decision_announce",
    "agency_response_record",
    "brief_revision_base",
    "challenge_brief_draft_save",
    "challenge_brief_resubmit",
    "challenge_brief_revise",
    "challenge_brief_submit",
    "challenge_deadline_extend",
    "challenge_follow",
    "challenge_state_set",
    "challenge_unfollow",
    "challenge_update_post",
    "policymaker_verification_decide",
    "policymaker_verification_request",
    "proposal_attachment_add",
    "proposal_attachment_remove",
    "proposal_feedback_set",
    "proposal_select",
    "proposal_shortlist",
    "proposal_start",
    "proposal_submit",
    "proposal_update",
    "proposal_withdraw",
    "question_answer",
    "question_ask",
    "question_hide",
    "review_save",
    "reviewer_invite",
    "reviewer_remove",
    "selection_finalise",
]
