"""Forms of the labs app; views import them from here (``from labs.forms import SpaceForm``).

The submodules split them by concern as the views do: membership, spaces (members, threads,
tasks, files), publishing a finding from a space, cohorts and supervision.
"""

from labs.forms.cohorts import (
    CohortEnrolForm,
    CohortForm,
    CohortTeamForm,
    DeliverableForm,
    SignOffForm,
    SupervisorForm,
)
from labs.forms.membership import (
    DecisionForm,
    InvitationForm,
    JoinRequestForm,
    ListingForm,
    MemberRoleForm,
    RemovalForm,
)
from labs.forms.publishing import (
    FindingProposalForm,
    add_deliverable_choice,
)
from labs.forms.spaces import (
    FileReplaceForm,
    FileUploadForm,
    MilestoneForm,
    NotificationPreferenceForm,
    PersonChoiceField,
    PostEditForm,
    PostForm,
    SpaceForm,
    SpaceMemberAddForm,
    SpaceMemberRoleForm,
    TaskForm,
    TaskStatusForm,
    ThreadForm,
)

__all__ = [
    "CohortEnrolForm",
    "CohortForm",
    "CohortTeamForm",
    "DecisionForm",
    "DeliverableForm",
    "FileReplaceForm",
    "FileUploadForm",
    "FindingProposalForm",
    "InvitationForm",
    "JoinRequestForm",
    "ListingForm",
    "MemberRoleForm",
    "MilestoneForm",
    "NotificationPreferenceForm",
    "PersonChoiceField",
    "PostEditForm",
    "PostForm",
    "RemovalForm",
    "SignOffForm",
    "SpaceForm",
    "SpaceMemberAddForm",
    "SpaceMemberRoleForm",
    "SupervisorForm",
    "TaskForm",
    "TaskStatusForm",
    "ThreadForm",
    "add_deliverable_choice",
]
