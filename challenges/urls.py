"""Non-page routes of the challenges app (the index and briefs are Wagtail pages)."""

from django.urls import path

from challenges.views import proposals as views

app_name = "challenges"

urlpatterns = [
    path("policymakers/verify/", views.verification_request, name="verification_request"),
    path("briefs/new/", views.brief_create, name="brief_create"),
    path("briefs/<int:challenge_id>/submitted/", views.brief_submitted, name="brief_submitted"),
    path("briefs/<int:challenge_id>/edit/", views.brief_edit, name="brief_edit"),
    path("challenge/<int:challenge_id>/follow/", views.follow_toggle, name="follow"),
    path("challenge/<int:challenge_id>/questions/", views.question_ask, name="question_ask"),
    path(
        "challenge/<int:challenge_id>/questions/<int:question_id>/answer/",
        views.question_answer,
        name="question_answer",
    ),
    path("challenge/<int:challenge_id>/updates/new/", views.update_create, name="update_create"),
    path("challenge/<int:challenge_id>/propose/", views.proposal_start, name="proposal_start"),
    path("challenge/<int:challenge_id>/review/", views.review_list, name="review_list"),
    path("challenge/<int:challenge_id>/manage/", views.manage, name="manage"),
    path("challenge/<int:challenge_id>/reviewers/", views.reviewer_invite, name="reviewer_invite"),
    path(
        "challenge/<int:challenge_id>/reviewers/<int:invitation_id>/remove/",
        views.reviewer_remove,
        name="reviewer_remove",
    ),
    path(
        "challenge/<int:challenge_id>/finalise/",
        views.selection_finalise,
        name="selection_finalise",
    ),
    path("challenge/<int:challenge_id>/state/", views.challenge_state, name="challenge_state"),
    path(
        "challenge/<int:challenge_id>/responses/new/", views.response_create, name="response_create"
    ),
    path("proposals/<int:proposal_id>/", views.proposal_detail, name="proposal_detail"),
    path("proposals/<int:proposal_id>/edit/", views.proposal_edit, name="proposal_edit"),
    path("proposals/<int:proposal_id>/submit/", views.proposal_submit, name="proposal_submit"),
    path(
        "proposals/<int:proposal_id>/withdraw/", views.proposal_withdraw, name="proposal_withdraw"
    ),
    path("proposals/<int:proposal_id>/files/", views.attachment_upload, name="attachment_upload"),
    path(
        "proposals/<int:proposal_id>/files/<int:attachment_id>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "proposals/<int:proposal_id>/files/<int:attachment_id>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path("proposals/<int:proposal_id>/score/", views.review_edit, name="review_edit"),
    path(
        "proposals/<int:proposal_id>/shortlist/",
        views.proposal_shortlist,
        name="proposal_shortlist",
    ),
    path(
        "proposals/<int:proposal_id>/feedback/", views.proposal_feedback, name="proposal_feedback"
    ),
    path("proposals/<int:proposal_id>/select/", views.proposal_select, name="proposal_select"),
]
