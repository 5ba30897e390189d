"""Reads of the labs app, including who may see what; views, contexts and other apps call these.

Import from here (``from labs import selectors``); the submodules split the reads by concern as
the services do: labs and their membership, project spaces, the personal dashboard, cohorts
and supervision. Every private read of a space goes through ``space_membership_or_404``.
"""

from labs.selectors.cohorts import (
    COHORT_ROWS_PER_PAGE,
    cohort_manage_context,
    cohort_of_lab_or_404,
    cohort_progress_teams_or_404,
    deliverable_detail,
    finding_supervisor_sign_off,
    lab_cohorts,
    lab_is_led_by,
    space_deliverables,
    supervised_teams,
    user_supervises,
)
from labs.selectors.dashboard import (
    activity_entries,
    lab_requests_awaiting,
    user_activity,
    user_lab_memberships,
    user_pending_invitations,
    user_pending_requests,
    user_tasks_due,
)
from labs.selectors.labs import (
    featured_labs,
    lab_dashboard_context,
    lab_is_managed_by,
    lab_join_role_default,
    lab_managed_or_404,
    lab_membership_for,
    labs_live,
    labs_of_university,
)
from labs.selectors.spaces import (
    space_activity,
    space_files,
    space_has_supervisor,
    space_membership_or_404,
    space_mention_target,
    space_overview,
    space_search,
    space_supervisor,
    space_tasks,
    space_threads,
    spaces_for_user,
    thread_posts,
)

__all__ = [
    "COHORT_ROWS_PER_PAGE",
    "activity_entries",
    "cohort_manage_context",
    "cohort_of_lab_or_404",
    "cohort_progress_teams_or_404",
    "deliverable_detail",
    "featured_labs",
    "finding_supervisor_sign_off",
    "lab_cohorts",
    "lab_dashboard_context",
    "lab_is_led_by",
    "lab_is_managed_by",
    "lab_join_role_default",
    "lab_managed_or_404",
    "lab_membership_for",
    "lab_requests_awaiting",
    "labs_live",
    "labs_of_university",
    "space_activity",
    "space_deliverables",
    "space_has_supervisor",
    "space_membership_or_404",
    "space_mention_target",
    "space_overview",
    "space_search",
    "space_supervisor",
    "space_files",
    "space_tasks",
    "space_threads",
    "spaces_for_user",
    "supervised_teams",
    "thread_posts",
    "user_activity",
    "user_lab_memberships",
    "user_pending_invitations",
    "user_pending_requests",
    "user_supervises",
    "user_tasks_due",
]
