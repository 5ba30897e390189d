"""Page types of the challenges app: the challenge index and the challenge brief.

Over 400 lines on purpose: ``ChallengePage`` alone is about 300, and its fields, panels, search
fields and status rules describe one page type that reads best as one class.
"""

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtailautocomplete.edit_handlers import AutocompletePanel

from core.admin_scope import AdminTitleForViewerMixin
from core.fields import (
    MarkdownField,
    RenderedMarkdownField,
    RenderedMarkdownPageMixin,
    optional_country_field,
    places_field,
)
from core.languages import ReaderLanguageAddressMixin
from core.section_pages import SectionIndexPage
from core.text import MAX_POST_MARKDOWN_LENGTH
from core.validators import SingleLineTextMixin

CRITERIA_TOTAL_WEIGHT = 100


class ChallengeStatus(models.TextChoices):
    """Where a challenge stands. Derived from the timeline plus the manual states."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    UPCOMING = "upcoming", _("Opening soon")
    OPEN = "open", _("Open for proposals")
    SELECTING = "selecting", _("Selecting")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    CLOSED = "closed", _("Closed without award")


#: Badge variant per status, for the CSS vocabulary's badge--* modifiers.
STATUS_BADGES = {
    ChallengeStatus.DRAFT: "draft",
    ChallengeStatus.IN_REVIEW: "draft",
    ChallengeStatus.UPCOMING: "warning",
    ChallengeStatus.OPEN: "open",
    ChallengeStatus.SELECTING: "warning",
    ChallengeStatus.IN_PROGRESS: "success",
    ChallengeStatus.COMPLETED: "success",
    ChallengeStatus.CLOSED: "closed",
}

#: Statuses of a challenge that is over: listed under "archive" on the index.
ARCHIVED_STATUSES = (ChallengeStatus.COMPLETED, ChallengeStatus.CLOSED)


def validate_criteria_weights(weights: list[int]) -> None:
    """Judging criteria, when there are any, must share exactly 100 points between them."""
    if weights and sum(weights) != CRITERIA_TOTAL_WEIGHT:
        raise ValidationError(
            _("The weights of the judging criteria must add up to 100 (they add up to %(total)s).")
            % {"total": sum(weights)},
            code="criteria_weights",
        )


class ChallengeIndexPage(SectionIndexPage):
    """Governance challenge briefs posted by policymakers, with filters and uptake figures."""

    subpage_types = ["challenges.ChallengePage"]

    class Meta:
        verbose_name = _("challenge index page")

    def section_context(self, request) -> dict:
        # contexts reads through forms and selectors, which import these models: a module-level
        # import would be a cycle.
        from challenges import contexts

        return contexts.challenge_index(request, self)


class ChallengePageForm(WagtailAdminPageForm):
    """Admin form that checks the judging criteria formset adds up to 100 and dates are ordered."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("judging_criteria")
        if formset is not None and formset.is_valid():
            weights = [
                form.cleaned_data.get("weight") or 0
                for form in formset.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
            try:
                validate_criteria_weights(weights)
            except ValidationError as error:
                self.add_error(None, error)
        owners = cleaned_data.get("owners")
        if owners:
            from .policymakers import VerificationStatus

            unverified = [
                owner.public_name
                for owner in owners
                if not owner.policymaker_verifications.filter(
                    status=VerificationStatus.APPROVED
                ).exists()
            ]
            if unverified:
                self.add_error(
                    "owners",
                    _("Only verified policymakers can own a challenge: %(names)s.")
                    % {"names": ", ".join(unverified)},
                )
        opens = cleaned_data.get("proposals_open_at")
        closes = cleaned_data.get("proposals_close_at")
        if opens and closes and closes <= opens:
            self.add_error("proposals_close_at", _("The deadline must come after proposals open."))
        return cleaned_data


class ChallengePage(
    ReaderLanguageAddressMixin,
    AdminTitleForViewerMixin,
    SingleLineTextMixin,
    RenderedMarkdownPageMixin,
    Page,
):
    """A governance problem posted by a government body, open to proposals from lab teams."""

    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("One or two plain sentences shown on cards and in search results."),
    )
    agency = models.ForeignKey(
        "network.PartnerPage",
        verbose_name=_("issuing agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issued_challenges",
        limit_choices_to={"partner_type": "government"},
        help_text=_("The government body from the network that owns the problem."),
    )
    proposed_agency = models.ForeignKey(
        "challenges.ProposedAgency",
        verbose_name=_("proposed agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="challenges",
        help_text=_(
            "An agency the policymaker named because it is not in the network yet; shown once "
            "a moderator approves it."
        ),
    )
    government_level = models.ForeignKey(
        "network.GovernmentLevel",
        verbose_name=_("level of government"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    owners = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owners"),
        blank=True,
        related_name="owned_challenges",
        help_text=_("Verified policymakers who answer questions and select proposals."),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    problem_statement = MarkdownField(
        _("problem statement"), max_length=MAX_POST_MARKDOWN_LENGTH, help_text=_("Markdown.")
    )
    problem_statement_html = RenderedMarkdownField(source="problem_statement")
    background = MarkdownField(
        _("background and evidence"), max_length=MAX_POST_MARKDOWN_LENGTH, blank=True
    )
    background_html = RenderedMarkdownField(source="background")
    affected_groups = MarkdownField(
        _("who is affected"), max_length=MAX_POST_MARKDOWN_LENGTH, blank=True
    )
    affected_groups_html = RenderedMarkdownField(source="affected_groups")
    desired_outcomes = MarkdownField(
        _("desired outcomes"), max_length=MAX_POST_MARKDOWN_LENGTH, blank=True
    )
    desired_outcomes_html = RenderedMarkdownField(source="desired_outcomes")
    constraints = MarkdownField(_("constraints"), max_length=MAX_POST_MARKDOWN_LENGTH, blank=True)
    constraints_html = RenderedMarkdownField(source="constraints")
    data_and_resources = MarkdownField(
        _("available data and resources"), max_length=MAX_POST_MARKDOWN_LENGTH, blank=True
    )
    data_and_resources_html = RenderedMarkdownField(source="data_and_resources")
    eligibility = MarkdownField(
        _("eligibility"),
        max_length=MAX_POST_MARKDOWN_LENGTH,
        blank=True,
        help_text=_("Which labs, countries or levels of study may apply. Markdown."),
    )
    eligibility_html = RenderedMarkdownField(source="eligibility")
    themes = ParentalManyToManyField("network.Theme", verbose_name=_("themes"), blank=True)
    sdgs = ParentalManyToManyField(
        "network.SustainableDevelopmentGoal", verbose_name=_("SDGs"), blank=True
    )
    country = optional_country_field()
    places = places_field("challenges")
    province = models.CharField(
        _("province or state"),
        max_length=100,
        blank=True,
        help_text=_("Leave empty for national challenges."),
    )
    proposals_open_at = models.DateTimeField(_("proposals open"), null=True, blank=True)
    proposals_close_at = models.DateTimeField(
        _("proposal deadline"),
        null=True,
        blank=True,
        help_text=_("In Pakistan Standard Time. Nothing can be submitted or edited after it."),
    )
    selection_by = models.DateField(_("selection announced by"), null=True, blank=True)
    project_start = models.DateField(_("project starts"), null=True, blank=True)
    project_end = models.DateField(_("project ends"), null=True, blank=True)
    final_presentation_on = models.DateField(_("final presentation"), null=True, blank=True)

    base_form_class = ChallengePageForm

    brief_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("agency"),
                FieldPanel("proposed_agency"),
                FieldPanel("government_level"),
                FieldPanel("owners"),
                FieldRowPanel([FieldPanel("country"), FieldPanel("province")]),
                AutocompletePanel("places"),
            ],
            heading=_("Who is asking"),
        ),
        FieldPanel("problem_statement"),
        FieldPanel("background"),
        FieldPanel("affected_groups"),
        FieldPanel("desired_outcomes"),
        FieldPanel("constraints"),
        FieldPanel("data_and_resources"),
        FieldPanel("eligibility"),
        MultiFieldPanel([FieldPanel("themes"), FieldPanel("sdgs")], heading=_("Topics")),
        InlinePanel("attachments", label=_("Attachments")),
    ]
    timeline_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("proposals_open_at"), FieldPanel("proposals_close_at")]),
                FieldRowPanel([FieldPanel("selection_by"), FieldPanel("final_presentation_on")]),
                FieldRowPanel([FieldPanel("project_start"), FieldPanel("project_end")]),
            ],
            heading=_("Timeline"),
        ),
        InlinePanel(
            "judging_criteria",
            label=_("Judging criteria"),
            help_text=_("Weights must add up to 100."),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(brief_panels, heading=_("Brief")),
            ObjectList(timeline_panels, heading=_("Timeline and judging")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("problem_statement"),
        index.SearchField("background"),
        index.SearchField("desired_outcomes"),
        index.SearchField("province"),
        index.FilterField("proposals_close_at"),
        index.FilterField("country"),
    ]

    parent_page_types = ["challenges.ChallengeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")

    # --- status -------------------------------------------------------------------------

    def status_at(self, now: datetime) -> ChallengeStatus:
        """The status at ``now``. Mirrors ``challenges.selectors.annotate_status`` for lists."""
        from .outcomes import ManualState

        if not self.live:
            if self.workflow_in_progress:
                return ChallengeStatus.IN_REVIEW
            return ChallengeStatus.DRAFT
        outcome = getattr(self, "outcome", None) if self.pk else None
        manual = outcome.manual_state if outcome else ""
        if manual == ManualState.CLOSED_WITHOUT_AWARD:
            return ChallengeStatus.CLOSED
        if manual == ManualState.COMPLETED:
            return ChallengeStatus.COMPLETED
        if self.has_selection:
            if self.project_end and self.project_end < timezone.localdate(now):
                return ChallengeStatus.COMPLETED
            return ChallengeStatus.IN_PROGRESS
        if self.proposals_open_at and now < self.proposals_open_at:
            return ChallengeStatus.UPCOMING
        if self.proposals_close_at is None or now < self.proposals_close_at:
            return ChallengeStatus.OPEN
        return ChallengeStatus.SELECTING

    @property
    def status(self) -> ChallengeStatus:
        return self.status_at(timezone.now())

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES[self.status]

    @cached_property
    def has_selection(self) -> bool:
        from .proposals import ProposalStatus

        return (
            self.pk is not None and self.proposals.filter(status=ProposalStatus.SELECTED).exists()
        )

    def accepts_proposals_at(self, now: datetime) -> bool:
        """The server-side deadline rule: open from the opening time until the deadline, exclusive."""
        if not self.live or self.proposals_close_at is None:
            return False
        if self.status_at(now) != ChallengeStatus.OPEN:
            return False
        return now < self.proposals_close_at

    @property
    def accepts_proposals(self) -> bool:
        return self.accepts_proposals_at(timezone.now())

    def timeline_phases(self, today: date | None = None) -> list[dict]:
        """The phased timeline as a list of {label, when, state} for the timeline component."""
        today = today or timezone.localdate()
        phases = [
            (_("Proposals open"), self.proposals_open_at),
            (_("Proposal deadline"), self.proposals_close_at),
            (_("Selection announced"), self.selection_by),
            (_("Project starts"), self.project_start),
            (_("Project ends"), self.project_end),
            (_("Final presentation"), self.final_presentation_on),
        ]
        items = []
        for label, when in phases:
            if when is None:
                continue
            day = timezone.localdate(when) if isinstance(when, datetime) else when
            items.append(
                {
                    "label": label,
                    "when": when,
                    "is_datetime": isinstance(when, datetime),
                    "day": day,
                }
            )
        items.sort(key=lambda item: item["day"])
        current_index = None
        for position, item in enumerate(items):
            item["state"] = "done" if item["day"] <= today else "upcoming"
            if item["day"] <= today:
                current_index = position
        if current_index is not None:
            items[current_index]["state"] = "current"
        return items

    # --- presentation -------------------------------------------------------------------

    @property
    def card_summary(self) -> str:
        return self.summary

    @property
    def card_meta(self) -> str:
        parts = []
        if self.province:
            parts.append(self.province)
        if self.country_id:
            parts.append(self.country.name)
        if self.proposals_close_at:
            parts.append(
                str(_("deadline %(day)s"))
                % {"day": timezone.localtime(self.proposals_close_at).strftime("%d %b %Y")}
            )
        return " · ".join(parts)

    @property
    def level_label(self) -> str:
        if self.government_level_id:
            return str(self.government_level)
        if self.agency_id and self.agency.government_level_id:
            return str(self.agency.government_level)
        return ""

    def is_owner(self, user) -> bool:
        return bool(user.is_authenticated and self.pk and self.owners.filter(pk=user.pk).exists())

    def get_context(self, request, *args, **kwargs):
        # contexts reads through forms and selectors, which import these models: a module-level
        # import would be a cycle.
        from challenges import contexts

        context = super().get_context(request, *args, **kwargs)
        context.update(contexts.challenge_page(request, self))
        return context


class JudgingCriterion(
    ReaderLanguageAddressMixin, AdminTitleForViewerMixin, SingleLineTextMixin, Orderable
):
    """One weighted criterion reviewers score proposals against."""

    page = ParentalKey(ChallengePage, on_delete=models.CASCADE, related_name="judging_criteria")
    name = models.CharField(_("criterion"), max_length=120)
    description = models.TextField(_("what reviewers look for"), max_length=600, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight (%)"), help_text=_("Share of the total score, out of 100.")
    )

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("weight")]

    class Meta(Orderable.Meta):
        verbose_name = _("judging criterion")
        verbose_name_plural = _("judging criteria")

    def __str__(self) -> str:
        return f"{self.name} ({self.weight}%)"


class ChallengeAttachment(Orderable):
    """A public document attached to the brief (terms of reference, datasets, templates)."""

    page = ParentalKey(ChallengePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Defaults to the document's title.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def display_title(self) -> str:
        return self.title or self.document.title
