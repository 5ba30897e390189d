"""The moderation step for front-end submissions (case studies here; labs and challenges
may reuse it for findings and briefs)."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask

from core.moderation import DeclinableApprovalTaskMixin


class SubmissionReviewTask(DeclinableApprovalTaskMixin, AbstractGroupApprovalTask):
    """Moderators approve, request changes (the submitter may resubmit) or reject."""

    class Meta:
        verbose_name = _("submission review")
        verbose_name_plural = _("submission reviews")

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve, request changes on, or reject a submission."
        )
