"""Wagtail admin: policymaker verification queue with approve/decline, agency responses, Q&A."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from core.moderation import is_moderator

from . import services
from .models import (
    AgencyResponse,
    ChallengeQuestion,
    PolicymakerVerification,
    ProposedAgency,
    VerificationStatus,
)

DECIDE_PERMISSION = "challenges.change_policymakerverification"


class DecisionColumn(Column):
    """A link to the approve/decline screen for pending requests."""

    def get_value(self, instance):
        if instance.status != VerificationStatus.PENDING:
            return instance.get_status_display()
        url = reverse("challenges_admin_verification_decide", args=[instance.pk])
        return format_html(
            '<a class="button button-small" href="{}">{}</a>', url, _("Review request")
        )


class PolicymakerVerificationViewSet(SnippetViewSet):
    model = PolicymakerVerification
    icon = "user"
    menu_label = _("Policymaker verifications")
    list_display = [
        "user",
        "agency_name",
        "position",
        "official_email",
        "created_at",
        DecisionColumn("decision", label=_("Decision")),
    ]
    list_filter = ["status"]
    search_fields = [
        "agency_name",
        "position",
        "official_email",
        "user__email",
        "user__display_name",
    ]
    search_backend_name = None
    ordering = ["-created_at"]
    panels = [
        FieldPanel("user", read_only=True),
        FieldPanel("agency"),
        FieldPanel("agency_name"),
        FieldPanel("position"),
        FieldPanel("official_email"),
        FieldPanel("note", read_only=True),
        FieldPanel("status"),
        FieldPanel("decision_note"),
    ]


class AgencyResponseViewSet(SnippetViewSet):
    model = AgencyResponse
    icon = "doc-full"
    menu_label = _("Agency responses")
    list_display = ["challenge", "kind", "responded_on", "document_url"]
    list_filter = ["kind"]
    search_fields = ["statement", "challenge__title"]
    search_backend_name = None
    panels = [
        FieldPanel("challenge"),
        FieldPanel("kind"),
        FieldPanel("responded_on"),
        FieldPanel("statement"),
        FieldPanel("document_url"),
    ]


class ChallengeQuestionViewSet(SnippetViewSet):
    model = ChallengeQuestion
    icon = "help"
    menu_label = _("Questions and answers")
    list_display = ["body", "challenge", "asked_by", "answered_at", "is_hidden"]
    list_filter = ["is_hidden"]
    search_fields = ["body", "answer"]
    search_backend_name = None
    panels = [FieldPanel("body"), FieldPanel("answer"), FieldPanel("is_hidden")]


class ProposedAgencyEditView(EditView):
    """Saving a proposal whose status a moderator changed to approved or declined tells the
    proposer (after commit). The row is locked so two moderators saving at once announce it
    once."""

    def save_instance(self):
        with transaction.atomic():
            previous_status = (
                ProposedAgency.objects.select_for_update()
                .values_list("status", flat=True)
                .get(pk=self.object.pk)
            )
            agency = super().save_instance()
            services.proposed_agency_decision_announce(
                agency=agency, previous_status=previous_status
            )
        return agency


class ProposedAgencyViewSet(SnippetViewSet):
    """Agencies policymakers named in briefs; setting one to "Approved" shows it on them."""

    model = ProposedAgency
    edit_view_class = ProposedAgencyEditView
    icon = "site"
    menu_label = _("Proposed agencies")
    list_display = ["name", "country", "proposed_by", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["-created_at"]
    panels = [
        FieldPanel("name"),
        FieldPanel("country"),
        FieldPanel("proposed_by", read_only=True),
        FieldPanel("status"),
    ]


class ChallengesAdminGroup(SnippetViewSetGroup):
    menu_label = _("Challenges")
    menu_icon = "tasks"
    menu_order = 250
    items = (
        PolicymakerVerificationViewSet,
        ProposedAgencyViewSet,
        AgencyResponseViewSet,
        ChallengeQuestionViewSet,
    )


register_snippet(ChallengesAdminGroup)


def verification_decide(request, pk: int):
    if not (is_moderator(request.user) or request.user.has_perm(DECIDE_PERMISSION)):
        raise PermissionDenied
    verification = get_object_or_404(
        PolicymakerVerification.objects.select_related("user", "agency"), pk=pk
    )
    if request.method == "POST" and verification.status == VerificationStatus.PENDING:
        approve = request.POST.get("decision") == "approve"
        services.policymaker_verification_decide(
            verification=verification,
            moderator=request.user,
            approve=approve,
            note=request.POST.get("note", "")[:2000],
        )
        messages.success(
            request,
            (
                _("%(name)s is now a verified policymaker.")
                if approve
                else _("Request from %(name)s declined.")
            )
            % {"name": verification.user.public_name},
        )
        return redirect("wagtailsnippets_challenges_policymakerverification:list")
    return TemplateResponse(
        request,
        "challenges/admin/verification_decide.html",
        {"verification": verification, "page_title": _("Policymaker verification")},
    )


@hooks.register("register_admin_urls")
def register_challenges_admin_urls():
    return [
        path(
            "challenges/verifications/<int:pk>/decide/",
            verification_decide,
            name="challenges_admin_verification_decide",
        ),
    ]
