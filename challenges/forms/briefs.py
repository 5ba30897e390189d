"""Forms for writing a challenge brief: the brief, its judging criteria, moving its deadline."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from challenges.forms.verification import government_agencies
from challenges.forms.widgets import MARKDOWN_HELP, DateInput, DateTimeInput, markdown_area
from challenges.models import ChallengePage
from challenges.models.pages import validate_criteria_weights
from core.forms import (
    ModelIdChoiceField,
    ModelIdMultipleChoiceField,
    PlaceCheckboxes,
    SiteTimeZoneDateTimeField,
    has_input,
)
from core.models import Country


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
            "problem_statement": markdown_area(8),
            "background": markdown_area(),
            "affected_groups": markdown_area(4),
            "desired_outcomes": markdown_area(4),
            "constraints": markdown_area(4),
            "data_and_resources": markdown_area(4),
            "eligibility": markdown_area(3),
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
