"""Front-end forms of the challenges app. Markdown fields are rendered through core.text.

Over 400 lines: some twenty short forms and formsets, one per screen of ``challenges.views``;
a split by concern like the views' is the next step if it grows.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import (
    MarkdownTextarea,
    ModelIdChoiceField,
    ModelIdMultipleChoiceField,
    PlaceCheckboxes,
    SiteTimeZoneDateTimeField,
    has_input,
)
from core.models import Country
from core.submissions import OnceOnlyFormMixin
from labs.models import LabMembership, LabPage

from .models import (
    PROPOSAL_ATTACHMENT_POLICY,
    AgencyResponse,
    ChallengePage,
    ChallengeQuestion,
    ChallengeUpdate,
    ClearanceDecision,
    ManualState,
    PolicymakerVerification,
    Proposal,
)
from .models.clearance import CLEARANCE_NOTE_MAX_LENGTH
from .models.pages import validate_criteria_weights
from .models.proposals import MAX_CRITERION_SCORE

MARKDOWN_HELP = _("Markdown: **bold**, *italic*, lists, [links](https://…).")


def _markdown_area(rows: int = 4) -> MarkdownTextarea:
    return MarkdownTextarea(rows=rows)


def government_agencies():
    from network.models import PartnerPage

    return PartnerPage.objects.live().public().filter(partner_type="government").order_by("title")


class VerificationRequestForm(forms.ModelForm):
    class Meta:
        model = PolicymakerVerification
        fields = ["agency", "agency_name", "position", "official_email", "note"]
        field_classes = {"agency": ModelIdChoiceField}
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = government_agencies()
        self.fields["agency"].required = False
        self.fields["agency"].empty_label = _("My agency is not listed")
        self.fields["agency"].help_text = _("If your agency is a member of the network, pick it.")


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class BriefForm(forms.ModelForm):
    """The policymaker's brief. Dates are read in the site's time zone (Pakistan Standard Time)."""

    class Meta:
        model = ChallengePage
        fields = [
            "title", "summary", "agency", "government_level", "country", "province", "places",
            "problem_statement", "background", "affected_groups", "desired_outcomes",
            "constraints", "data_and_resources", "eligibility", "themes", "sdgs",
            "proposals_open_at", "proposals_close_at", "selection_by", "project_start",
            "project_end", "final_presentation_on",
        ]  # fmt: skip
        field_classes = {
            "proposals_open_at": SiteTimeZoneDateTimeField,
            "proposals_close_at": SiteTimeZoneDateTimeField,
            "agency": ModelIdChoiceField,
            "government_level": ModelIdChoiceField,
            "country": ModelIdChoiceField,
            "themes": ModelIdMultipleChoiceField,
            "sdgs": ModelIdMultipleChoiceField,
            "places": ModelIdMultipleChoiceField,
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "problem_statement": _markdown_area(8),
            "background": _markdown_area(),
            "affected_groups": _markdown_area(4),
            "desired_outcomes": _markdown_area(4),
            "constraints": _markdown_area(4),
            "data_and_resources": _markdown_area(4),
            "eligibility": _markdown_area(3),
            "themes": forms.CheckboxSelectMultiple,
            "sdgs": forms.CheckboxSelectMultiple,
            "places": PlaceCheckboxes,
            "proposals_open_at": DateTimeInput(),
            "proposals_close_at": DateTimeInput(),
            "selection_by": DateInput(),
            "project_start": DateInput(),
            "project_end": DateInput(),
            "final_presentation_on": DateInput(),
        }
        labels = {"title": _("Title of the challenge")}
        help_texts = {
            "title": _(
                "Short and concrete, e.g. “Merit-based recruitment testing for provincial posts”."
            )
        }

    new_agency_name = forms.CharField(
        label=_("Or propose an agency that is not listed"),
        max_length=200,
        required=False,
        help_text=_("Its full name. Moderators check it; the brief shows it once they approve it."),
    )
    new_agency_country = ModelIdChoiceField(
        label=_("Country of the proposed agency"),
        queryset=Country.objects.none(),
        required=False,
        empty_label=_("Choose a country"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = government_agencies()
        self.fields["agency"].required = True
        self.fields["agency"].empty_label = _("Choose the agency")
        self.fields["government_level"].empty_label = _("Not specified")
        self.fields["country"].queryset = Country.objects.region_first()
        self.fields["country"].required = True
        self.fields["country"].empty_label = _("Choose a country")
        self.fields["new_agency_country"].queryset = Country.objects.region_first()
        proposed = self.instance.proposed_agency if self.instance.proposed_agency_id else None
        if proposed is not None and not self.is_bound:
            self.initial.setdefault("new_agency_name", proposed.name)
            self.initial.setdefault("new_agency_country", proposed.country_id)
        for name in ("proposals_open_at", "proposals_close_at"):
            if name in self.fields:
                self.fields[name].required = True
                self.fields[name].help_text = _("Pakistan Standard Time (Asia/Karachi, UTC+5).")

    def full_clean(self):
        # Proposing a new agency stands in for choosing one from the list.
        if self.is_bound and self.data.get(self.add_prefix("new_agency_name"), "").strip():
            self.fields["agency"].required = False
        super().full_clean()

    @property
    def new_agency(self):
        """(name, country) of an agency proposed in this form, or None."""
        name = self.cleaned_data.get("new_agency_name", "").strip()
        return (name, self.cleaned_data["new_agency_country"]) if name else None
        for name in ("problem_statement", "background", "affected_groups", "desired_outcomes",
                     "constraints", "data_and_resources", "eligibility"):  # fmt: skip
            self.fields[name].help_text = MARKDOWN_HELP

    #: Sections of the form folded in a <details> unless something in them is filled in.
    OPTIONAL_SECTIONS = {
        "problem_details": (
            "affected_groups", "desired_outcomes", "constraints", "data_and_resources",
            "eligibility",
        ),
        "topics": ("themes", "sdgs"),
        "later_dates": ("selection_by", "final_presentation_on", "project_start", "project_end"),
    }  # fmt: skip

    def open_sections(self) -> dict[str, bool]:
        return {name: has_input(self, fields) for name, fields in self.OPTIONAL_SECTIONS.items()}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("new_agency_name", "").strip():
            if cleaned.get("agency"):
                self.add_error(
                    "new_agency_name",
                    _("Choose an agency from the list or propose a new one, not both."),
                )
            if not cleaned.get("new_agency_country"):
                self.add_error("new_agency_country", _("Say which country the agency is in."))
        opens, closes = cleaned.get("proposals_open_at"), cleaned.get("proposals_close_at")
        if opens and closes and closes <= opens:
            self.add_error("proposals_close_at", _("The deadline must come after proposals open."))
        start, end = cleaned.get("project_start"), cleaned.get("project_end")
        if start and end and end < start:
            self.add_error("project_end", _("The project cannot end before it starts."))
        return cleaned


class PublishedBriefForm(BriefForm):
    """Changes to a live brief, sent to the moderators. The proposal window moves through
    "Move the deadline" (teams are told), so its dates are not here."""

    class Meta(BriefForm.Meta):
        fields = [
            name
            for name in BriefForm.Meta.fields
            if name not in ("proposals_open_at", "proposals_close_at")
        ]


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=120)
    description = forms.CharField(
        label=_("What reviewers look for"), max_length=600, required=False
    )
    weight = forms.IntegerField(label=_("Weight (%)"), min_value=1, max_value=100)


class BaseCriteriaFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        weights = [
            form.cleaned_data["weight"]
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if not weights:
            raise ValidationError(_("Add at least one judging criterion."))
        validate_criteria_weights(weights)

    @property
    def draft_criteria(self) -> list[tuple[str, str, int | None]]:
        """The rows worth keeping in a draft: every one with a name, whatever its weight (the
        weights need to add up only when the brief is sent)."""
        rows = []
        for form in self.forms:
            form.is_valid()
            name = form.cleaned_data.get("name")
            if name and not form.cleaned_data.get("DELETE"):
                rows.append(
                    (
                        name,
                        form.cleaned_data.get("description", ""),
                        form.cleaned_data.get("weight"),
                    )
                )
        return rows

    @property
    def criteria(self) -> list[tuple[str, str, int]]:
        return [
            (
                form.cleaned_data["name"],
                form.cleaned_data.get("description", ""),
                form.cleaned_data["weight"],
            )
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


CriteriaFormSet = forms.formset_factory(
    CriterionForm, formset=BaseCriteriaFormSet, extra=0, min_num=1, max_num=10, validate_max=True
)


class QuestionForm(OnceOnlyFormMixin, forms.ModelForm):
    class Meta:
        model = ChallengeQuestion
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}
        labels = {"body": _("Your question")}
        help_texts = {"body": _("Questions and answers are public once the owner answers.")}


class AnswerForm(forms.ModelForm):
    class Meta:
        model = ChallengeQuestion
        fields = ["answer"]
        widgets = {"answer": _markdown_area(3)}
        help_texts = {"answer": MARKDOWN_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].required = True


class UpdateForm(forms.ModelForm):
    class Meta:
        model = ChallengeUpdate
        fields = ["title", "body"]
        widgets = {"body": _markdown_area()}


class DeadlineExtendForm(forms.Form):
    """A new proposal deadline for a live brief, on the site's clock like the brief form's."""

    new_deadline = SiteTimeZoneDateTimeField(
        label=_("New deadline"),
        widget=DateTimeInput(),
        help_text=_("Pakistan Standard Time (Asia/Karachi, UTC+5)."),
    )
    note = forms.CharField(
        label=_("Why it moves (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown in the challenge's updates and sent with the email."),
    )


class ProposalStartForm(forms.Form):
    lab = ModelIdChoiceField(
        label=_("On behalf of"), queryset=LabPage.objects.none(), empty_label=_("Choose a lab")
    )
    title = forms.CharField(label=_("Working title"), max_length=200)
    role = forms.CharField(
        label=_("Your role in the team"),
        max_length=120,
        initial=_("Team lead"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lab"].queryset = LabPage.objects.filter(memberships__user=user).distinct()


class ProposalForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["title", "summary", "approach", "work_plan", "experience"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "approach": _markdown_area(10),
            "work_plan": _markdown_area(6),
            "experience": _markdown_area(5),
        }
        help_texts = {
            "summary": _("Up to 600 characters: what you will do and why it will work."),
            "approach": MARKDOWN_HELP,
            "work_plan": _("Phases and dates. ") + MARKDOWN_HELP,
            "experience": _("What the team has done that is relevant. ") + MARKDOWN_HELP,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A draft may be saved half-written; submit checks completeness.
        for name in ("summary", "approach", "work_plan"):
            self.fields[name].required = False


class TeamMemberForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("Person"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Choose a lab member"),
    )
    role = forms.CharField(label=_("Role"), max_length=120, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("user") and not cleaned.get("role", "").strip():
            self.add_error("role", _("Say what this person does in the team."))
        return cleaned

    def __init__(self, *args, lab=None, **kwargs):
        super().__init__(*args, **kwargs)
        if lab is not None:
            member_ids = LabMembership.objects.filter(lab=lab).values_list("user_id", flat=True)
            self.fields["user"].queryset = get_user_model().objects.filter(
                pk__in=member_ids, is_active=True
            )
            self.fields["user"].label_from_instance = lambda user: user.public_name


class BaseTeamFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove from the team")

    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            user = form.cleaned_data.get("user") if form.cleaned_data else None
            if user is None or form.cleaned_data.get("DELETE"):
                continue
            if user.pk in seen:
                raise ValidationError(_("Each person can appear in the team only once."))
            seen.add(user.pk)

    @property
    def members(self) -> list[tuple]:
        return [
            (form.cleaned_data["user"], form.cleaned_data["role"])
            for form in self.forms
            if form.cleaned_data
            and form.cleaned_data.get("user")
            and not form.cleaned_data.get("DELETE")
        ]


TeamFormSet = forms.formset_factory(
    TeamMemberForm, formset=BaseTeamFormSet, extra=1, can_delete=True, max_num=15, validate_max=True
)


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Add a file"),
        # The service checks the content (core.uploads); this only guides the file chooser.
        widget=forms.ClearableFileInput(
            attrs={"accept": PROPOSAL_ATTACHMENT_POLICY.accept_attribute}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The limit the policy applies (CHALLENGES_MAX_UPLOAD_BYTES), read when the form is made.
        self.fields["file"].help_text = _(
            "PDF, Word, Excel, PowerPoint, CSV, text or image; up to %(size)s."
        ) % {"size": filesizeformat(PROPOSAL_ATTACHMENT_POLICY.max_bytes)}


class ReviewForm(forms.Form):
    """One score (0–10) and optional comment per judging criterion, plus overall comments."""

    def __init__(self, *args, criteria, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        existing = {}
        if review is not None:
            existing = {score.criterion_id: score for score in review.scores.all()}
        choices = [("", "—")] + [(n, str(n)) for n in range(MAX_CRITERION_SCORE + 1)]
        for criterion in self.criteria:
            score = existing.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("%(name)s — score (weight %(weight)s%%)")
                % {"name": criterion.name, "weight": criterion.weight},
                choices=choices,
                coerce=int,
                initial=score.score if score else "",
                help_text=criterion.description,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on %(name)s") % {"name": criterion.name},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=score.comment if score else "",
            )
        self.fields["comments"] = forms.CharField(
            label=_("Overall comments for the owner"),
            required=False,
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 4}),
            initial=review.comments if review else "",
        )

    @property
    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            criterion.pk: (
                self.cleaned_data[f"score_{criterion.pk}"],
                self.cleaned_data.get(f"comment_{criterion.pk}", ""),
            )
            for criterion in self.criteria
        }


class ReviewerInviteForm(forms.Form):
    person = forms.CharField(
        label=_("Reviewer's email or username"),
        max_length=254,
        help_text=_("They need an account on Policy Lab Commons."),
    )

    def clean_person(self):
        value = self.cleaned_data["person"].strip()
        user = (
            get_user_model()
            .objects.filter(Q(email__iexact=value) | Q(username__iexact=value), is_active=True)
            .first()
        )
        if user is None:
            raise ValidationError(_("Nobody with that email or username has an account yet."))
        return user


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["feedback_to_team"]
        widgets = {"feedback_to_team": forms.Textarea(attrs={"rows": 3})}


class ChallengeStateForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), choices=ManualState.choices, required=False)
    note = forms.CharField(
        label=_("Public note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class AgencyResponseForm(forms.ModelForm):
    document_url = forms.URLField(
        label=_("Link to the official document"), required=False, assume_scheme="https"
    )

    class Meta:
        model = AgencyResponse
        fields = ["kind", "responded_on", "statement", "document_url"]
        widgets = {"responded_on": DateInput(), "statement": _markdown_area(5)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            ("", _("Choose the response")),
            *AgencyResponse._meta.get_field("kind").choices,
        ]


class ClearanceDecisionForm(forms.Form):
    """A challenge owner's decision on a finding from one of the challenge's spaces."""

    decision = forms.ChoiceField(
        label=_("Decision"), choices=ClearanceDecision.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note to the team"),
        required=False,
        max_length=CLEARANCE_NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required when you ask for changes or decline: say what to change, or why."),
    )
    embargo_until = forms.DateField(
        label=_("Embargo until"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "Optional, when clearing: the finding is published on this date, not before, once "
            "the site's moderators approve it."
        ),
    )

    def clean(self):
        cleaned_data = super().clean()
        decision = cleaned_data.get("decision")
        if decision and decision != ClearanceDecision.CLEAR and not cleaned_data.get("note"):
            self.add_error(
                "note", _("Tell the team what to change, or why the finding is declined.")
            )
        embargo = cleaned_data.get("embargo_until")
        if decision == ClearanceDecision.CLEAR and embargo and embargo <= timezone.localdate():
            self.add_error("embargo_until", _("An embargo date must be after today."))
        return cleaned_data


class ClearanceRevisionForm(forms.Form):
    """A space owner's revision of a finding the challenge's owners asked changes to."""

    title = forms.CharField(label=_("Title"), max_length=255)
    abstract = forms.CharField(
        label=_("Abstract"), max_length=1500, widget=_markdown_area(6), help_text=MARKDOWN_HELP
    )
