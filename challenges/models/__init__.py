"""Models of the challenges app: briefs (pages), people around them, proposals and outcomes."""

from .clearance import ClearanceDecision, ClearanceStatus, FindingClearance
from .engagement import ChallengeFollower, ChallengeQuestion, ChallengeUpdate
from .outcomes import AgencyResponse, AgencyResponseKind, ChallengeOutcome, ManualState
from .pages import (
    ChallengeAttachment,
    ChallengeIndexPage,
    ChallengePage,
    ChallengeStatus,
    JudgingCriterion,
)
from .policymakers import PolicymakerVerification, VerificationStatus
from .proposals import (
    PROPOSAL_ATTACHMENT_POLICY,
    CriterionScore,
    Proposal,
    ProposalAttachment,
    ProposalMember,
    ProposalStatus,
    Review,
    ReviewerInvitation,
)

__all__ = [
    "AgencyResponse",
    "AgencyResponseKind",
    "ChallengeAttachment",
    "ChallengeFollower",
    "ChallengeIndexPage",
    "ChallengeOutcome",
    "ChallengePage",
    "ChallengeQuestion",
    "ChallengeStatus",
    "ChallengeUpdate",
    "ClearanceDecision",
    "ClearanceStatus",
    "CriterionScore",
    "FindingClearance",
    "JudgingCriterion",
    "ManualState",
    "PolicymakerVerification",
    "Proposal",
    "PROPOSAL_ATTACHMENT_POLICY",
    "ProposalAttachment",
    "ProposalMember",
    "ProposalStatus",
    "Review",
    "ReviewerInvitation",
    "VerificationStatus",
]
