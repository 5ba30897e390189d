"""Non-page routes of the labs app: membership management (lab/…) and private spaces (spaces/…)."""

from django.urls import path

from labs.views import cohorts, deliverables, files, membership, spaces, tasks, threads

app_name = "labs"

space = "spaces/<int:space_id>/"
cohort = "lab/<int:lab_id>/cohorts/<int:cohort_id>/"

urlpatterns = [
    path("lab/<int:lab_id>/join/", membership.join_request, name="join_request"),
    path(
        "lab/<int:lab_id>/join/withdraw/",
        membership.join_request_withdraw,
        name="join_request_withdraw",
    ),
    path(
        "lab/<int:lab_id>/membership/", membership.membership_settings, name="membership_settings"
    ),
    path("lab/<int:lab_id>/leave/", membership.leave, name="leave"),
    path("lab/<int:lab_id>/manage/", membership.lab_manage, name="lab_manage"),
    path(
        "lab/<int:lab_id>/requests/<int:request_id>/decide/",
        membership.join_request_decide,
        name="join_request_decide",
    ),
    path("lab/<int:lab_id>/invitations/", membership.invitation_create, name="invitation_create"),
    path(
        "lab/<int:lab_id>/invitations/<int:invitation_id>/revoke/",
        membership.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "lab/<int:lab_id>/members/<int:membership_id>/role/",
        membership.member_role_change,
        name="member_role_change",
    ),
    path(
        "lab/<int:lab_id>/members/<int:membership_id>/remove/",
        membership.member_remove,
        name="member_remove",
    ),
    path("lab/<int:lab_id>/spaces/new/", membership.space_create, name="space_create"),
    path("lab/<int:lab_id>/cohorts/new/", cohorts.cohort_create_view, name="cohort_create"),
    path(cohort, cohorts.cohort_detail, name="cohort_detail"),
    path(cohort + "edit/", cohorts.cohort_edit, name="cohort_edit"),
    path(cohort + "enrol/", cohorts.cohort_enrol, name="cohort_enrol"),
    path(
        cohort + "enrolments/<int:enrolment_id>/remove/",
        cohorts.cohort_enrolment_remove_view,
        name="cohort_enrolment_remove",
    ),
    path(cohort + "teams/", cohorts.cohort_team_add_view, name="cohort_team_add"),
    path(
        cohort + "teams/<int:team_id>/supervisor/",
        cohorts.cohort_team_supervisor,
        name="cohort_team_supervisor",
    ),
    path(cohort + "progress/", cohorts.cohort_progress, name="cohort_progress"),
    path("supervision/", cohorts.supervision, name="supervision"),
    path("invitations/<str:token>/", membership.invitation_accept, name="invitation_accept"),
    path(
        "invitations/<str:token>/sign-up/",
        membership.invitation_signup,
        name="invitation_signup",
    ),
    path("spaces/activity/", spaces.activity, name="activity"),
    # Private project spaces: every view below answers 404 to non-members.
    path(space, spaces.space_detail, name="space_detail"),
    path(space + "edit/", spaces.space_edit, name="space_edit"),
    path(space + "members/", spaces.space_members, name="space_members"),
    path(
        space + "members/<int:membership_id>/role/",
        spaces.space_member_role,
        name="space_member_role",
    ),
    path(
        space + "members/<int:membership_id>/remove/",
        spaces.space_member_remove,
        name="space_member_remove",
    ),
    path(space + "people/<str:username>/", spaces.space_person, name="space_person"),
    path(space + "notifications/", spaces.space_notifications, name="space_notifications"),
    path(space + "activity/", spaces.space_activity, name="space_activity"),
    path(space + "search/", spaces.space_search, name="space_search"),
    path(space + "publish/", spaces.finding_propose, name="finding_propose"),
    path(space + "deliverables/", deliverables.deliverable_list, name="deliverable_list"),
    path(space + "deliverables/new/", deliverables.deliverable_new, name="deliverable_new"),
    path(
        space + "deliverables/<int:deliverable_id>/",
        deliverables.deliverable_detail,
        name="deliverable_detail",
    ),
    path(
        space + "deliverables/<int:deliverable_id>/edit/",
        deliverables.deliverable_edit,
        name="deliverable_edit",
    ),
    path(
        space + "deliverables/<int:deliverable_id>/ready/",
        deliverables.deliverable_ready,
        name="deliverable_ready",
    ),
    path(
        space + "deliverables/<int:deliverable_id>/sign-off/",
        deliverables.deliverable_sign_off_view,
        name="deliverable_sign_off",
    ),
    path(space + "threads/", threads.thread_list, name="thread_list"),
    path(space + "threads/new/", threads.thread_create, name="thread_create"),
    path(space + "threads/<int:thread_id>/", threads.thread_detail, name="thread_detail"),
    path(
        space + "threads/<int:thread_id>/posts/<int:post_id>/edit/",
        threads.post_edit,
        name="post_edit",
    ),
    path(
        space + "threads/<int:thread_id>/posts/<int:post_id>/history/",
        threads.post_history,
        name="post_history",
    ),
    path(space + "tasks/", tasks.task_list, name="task_list"),
    path(space + "tasks/new/", tasks.task_create, name="task_create"),
    path(space + "tasks/<int:task_id>/", tasks.task_detail, name="task_detail"),
    path(space + "tasks/<int:task_id>/edit/", tasks.task_edit, name="task_edit"),
    path(space + "tasks/<int:task_id>/status/", tasks.task_status, name="task_status"),
    path(space + "milestones/new/", tasks.milestone_create, name="milestone_create"),
    path(space + "files/", files.file_list, name="file_list"),
    path(space + "files/upload/", files.file_upload, name="file_upload"),
    path(space + "files/<int:file_id>/", files.file_detail, name="file_detail"),
    path(space + "files/<int:file_id>/download/", files.file_download, name="file_download"),
    path(
        space + "files/<int:file_id>/versions/<int:version_id>/download/",
        files.file_download,
        name="file_version_download",
    ),
]
