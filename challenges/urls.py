"""Non-page routes of the challenges app (the index and briefs are Wagtail pages)."""

from django.urls import path

from challenges.views import (
    briefs,
    clearance,
    engagement,
    matching,
    outcomes,
    proposals,
    reviews,
    verification,
)

app_name = "challenges"

urlpatterns = [
    path("policymakers/verify/", verification.verification_request, name="verification_request"),
    path("briefs/new/", briefs.brief_create, name="brief_create"),
    path("challenges-for-you/", matching.matches, name="matches"),
    path(
        "challenge/<int:challenge_id>/students/<int:lab_id>/",
        matching.suggested_students,
        name="suggested_students",
    ),
    path("briefs/<int:challenge_id>/submitted/", briefs.brief_submitted, name="brief_submitted"),
    path("briefs/<int:challenge_id>/edit/", briefs.brief_edit, name="brief_edit"),
    path("briefs/<int:challenge_id>/revise/", briefs.brief_revise, name="brief_revise"),
    path("challenge/<int:challenge_id>/follow/", engagement.follow_toggle, name="follow"),
    path("challenge/<int:challenge_id>/questions/", engagement.question_ask, name="question_ask"),
    path(
        "challenge/<int:challenge_id>/questions/<int:question_id>/answer/",
        engagement.question_answer,
        name="question_answer",
    ),
    path(
        "challenge/<int:challenge_id>/updates/new/", engagement.update_create, name="update_create"
    ),
    path(
        "challenge/<int:challenge_id>/deadline/",
        engagement.deadline_extend,
        name="deadline_extend",
    ),
    path("challenge/<int:challenge_id>/propose/", proposals.proposal_start, name="proposal_start"),
    path("challenge/<int:challenge_id>/review/", reviews.review_list, name="review_list"),
    path("challenge/<int:challenge_id>/manage/", reviews.manage, name="manage"),
    path(
        "challenge/<int:challenge_id>/reviewers/", reviews.reviewer_invite, name="reviewer_invite"
    ),
    path(
        "challenge/<int:challenge_id>/reviewers/<int:invitation_id>/remove/",
        reviews.reviewer_remove,
        name="reviewer_remove",
    ),
    path(
        "challenge/<int:challenge_id>/finalise/",
        reviews.selection_finalise,
        name="selection_finalise",
    ),
    path("challenge/<int:challenge_id>/state/", outcomes.challenge_state, name="challenge_state"),
    path(
        "challenge/<int:challenge_id>/responses/new/",
        outcomes.response_create,
        name="response_create",
    ),
    path(
        "challenge/<int:challenge_id>/findings/",
        clearance.clearance_list,
        name="clearance_list",
    ),
    path(
        "challenge/<int:challenge_id>/findings/<int:clearance_id>/",
        clearance.clearance_detail,
        name="clearance_detail",
    ),
    path("findings/<int:clearance_id>/clearance/", clearance.clearance_team, name="clearance_team"),
    path("proposals/<int:proposal_id>/", proposals.proposal_detail, name="proposal_detail"),
    path("proposals/<int:proposal_id>/edit/", proposals.proposal_edit, name="proposal_edit"),
    path("proposals/<int:proposal_id>/submit/", proposals.proposal_submit, name="proposal_submit"),
    path(
        "proposals/<int:proposal_id>/withdraw/",
        proposals.proposal_withdraw,
        name="proposal_withdraw",
    ),
    path(
        "proposals/<int:proposal_id>/files/", proposals.attachment_upload, name="attachment_upload"
    ),
    path(
        "proposals/<int:proposal_id>/files/<int:attachment_id>/",
        proposals.attachment_download,
        name="attachment_download",
    ),
    path(
        "proposals/<int:proposal_id>/files/<int:attachment_id>/delete/",
        proposals.attachment_delete,
        name="attachment_delete",
    ),
    path("proposals/<int:proposal_id>/score/", reviews.review_edit, name="review_edit"),
    path(
        "proposals/<int:proposal_id>/shortlist/",
        reviews.proposal_shortlist,
        name="proposal_shortlist",
    ),
    path(
        "proposals/<int:proposal_id>/feedback/", reviews.proposal_feedback, name="proposal_feedback"
    ),
    path("proposals/<int:proposal_id>/select/", reviews.proposal_select, name="proposal_select"),
]
