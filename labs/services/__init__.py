"""Writes of the labs app. Keyword-only, typed, atomic; views and other apps call these.

Import from here (``from labs.services import project_space_create``); the submodules split
the work by concern: membership, invitations, cohorts, spaces, threads, tasks, files, publishing.
"""

from labs.services.files import (
    space_file_download_record,
    space_file_replace,
    space_file_upload,
)
from labs.services.invitations import (
    invitation_from_token,
    invitation_is_usable,
    invitation_token,
    lab_invitation_accept,
    lab_invitation_create,
    lab_invitation_revoke,
)
from labs.services.membership import (
    MembershipError,
    lab_join_request_create,
    lab_join_request_decide,
    lab_join_request_withdraw,
    lab_lead_appoint,
    lab_lead_group_sync,
    lab_membership_end,
    lab_membership_listing_set,
    lab_membership_role_change,
)
from labs.services.publishing import (
    finding_moderation_submit,
    finding_propose_from_space,
    finding_review_step_register,
)
from labs.services.spaces import (
    project_space_create,
    project_space_update,
    space_digests_deliver,
    space_digests_send,
    space_member_add,
    space_member_remove,
    space_member_role_change,
    space_notification_preference_set,
)
from labs.services.tasks import milestone_create, task_create, task_update
from labs.services.threads import mentioned_members, post_create, post_edit, thread_create

__all__ = [
    "MembershipError",
    "finding_moderation_submit",
    "finding_propose_from_space",
    "finding_review_step_register",
    "invitation_from_token",
    "invitation_is_usable",
    "invitation_token",
    "lab_invitation_accept",
    "lab_invitation_create",
    "lab_invitation_revoke",
    "lab_join_request_create",
    "lab_join_request_decide",
    "lab_join_request_withdraw",
    "lab_lead_appoint",
    "lab_lead_group_sync",
    "lab_membership_end",
    "lab_membership_listing_set",
    "lab_membership_role_change",
    "mentioned_members",
    "milestone_create",
    "post_create",
    "post_edit",
    "project_space_create",
    "project_space_update",
    "space_digests_deliver",
    "space_digests_send",
    "space_file_download_record",
    "space_file_replace",
    "space_file_upload",
    "space_member_add",
    "space_member_remove",
    "space_member_role_change",
    "space_notification_preference_set",
    "task_create",
    "task_update",
    "thread_create",
]
