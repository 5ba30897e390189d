"""Models of the challenges app: briefs (pages), people around them, proposals and outcomes."""

from .clearance import ClearanceDecision, ClearanceStatus, FindingClearance
from .engagement import ChallengeFollower, ChallengeQuestion, ChallengeUpdate, DeadlineExtension
from .outcomes import AgencyResponse, AgencyResponseKind, ChallengeOutcome, ManualState
from .pages import (
    ChallengeAttachment,
    ChallengeIndexPage,
    ChallengePage,
    ChallengeStatus,
    JudgingCriterion,
)
from .policymakers import (
    AgencyProposalStatus,
    PolicymakerVerification,
    ProposedAgency,
    VerificationStatus,
)
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
    "AgencyProposalStatus",
    "DeadlineExtension",
    "ProposedAgency",
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
