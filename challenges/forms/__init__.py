"""Front-end forms of the challenges app; views and contexts import them from here
(``from challenges.forms import BriefForm``). Markdown fields are rendered through core.text.

The submodules split them by concern as ``challenges.views`` does: verification, briefs,
engagement, proposals, reviews, outcomes, clearance; widgets holds what several share.
"""

from challenges.forms.briefs import (
    BriefForm,
    CriteriaFormSet,
    DeadlineExtendForm,
    PublishedBriefForm,
)
from challenges.forms.clearance import (
    ClearanceDecisionForm,
    ClearanceRevisionForm,
)
from challenges.forms.engagement import (
    AnswerForm,
    QuestionForm,
    UpdateForm,
)
from challenges.forms.outcomes import (
    AgencyResponseForm,
    ChallengeStateForm,
)
from challenges.forms.proposals import (
    AttachmentForm,
    ProposalForm,
    ProposalStartForm,
    TeamFormSet,
    TeamMemberForm,
)
from challenges.forms.reviews import (
    FeedbackForm,
    ReviewerInviteForm,
    ReviewForm,
)
from challenges.forms.verification import VerificationRequestForm

__all__ = [
    "AgencyResponseForm",
    "AnswerForm",
    "AttachmentForm",
    "BriefForm",
    "CriteriaFormSet",
    "ChallengeStateForm",
    "ClearanceDecisionForm",
    "ClearanceRevisionForm",
    "DeadlineExtendForm",
    "FeedbackForm",
    "ProposalForm",
    "ProposalStartForm",
    "PublishedBriefForm",
    "QuestionForm",
    "ReviewForm",
    "ReviewerInviteForm",
    "TeamFormSet",
    "TeamMemberForm",
    "UpdateForm",
    "VerificationRequestForm",
]
