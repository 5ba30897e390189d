"""Forms about cohorts and supervision: a cohort, its enrolments and teams, supervisors,
deliverables and their sign-off.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.forms import (
    ModelIdChoiceField,
    ModelIdMultipleChoiceField,
)
from labs.forms.spaces import PersonChoiceField
from labs.models import (
    Cohort,
    Deliverable,
    LabRole,
    ProjectSpace,
    SignOffDecision,
)


class PersonLabelMixin:
    def label_from_instance(self, obj):
        return obj.public_name


class PeopleField(PersonLabelMixin, ModelIdMultipleChoiceField):
    pass


class PersonField(PersonLabelMixin, ModelIdChoiceField):
    pass


class CohortForm(forms.ModelForm):
    supervisors = PeopleField(
        label=_("Supervisors"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Faculty of the lab who will supervise the cohort's teams."),
    )

    class Meta:
        model = Cohort
        fields = ["name", "term_start", "term_end", "supervisors"]
        widgets = {
            "term_start": forms.DateInput(attrs={"type": "date"}),
            "term_end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, lab, **kwargs):
        super().__init__(*args, **kwargs)
        User = get_user_model()
        self.fields["supervisors"].queryset = User.objects.filter(
            lab_memberships__lab=lab,
            lab_memberships__role__in=[LabRole.FACULTY, LabRole.LEAD],
            deleted_at__isnull=True,
        ).order_by("display_name", "pk")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("term_start"), cleaned.get("term_end")
        if start and end and end < start:
            self.add_error("term_end", _("The term ends before it starts."))
        return cleaned


class CohortEnrolForm(forms.Form):
    person = PersonChoiceField(
        label=_("Username or email"),
        help_text=_("A member of the lab (students join the lab first)."),
    )


class CohortTeamForm(forms.Form):
    space = ModelIdChoiceField(label=_("Project space"), queryset=None)

    def __init__(self, *args, lab, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = lab.spaces.filter(cohort_team__isnull=True).order_by(
            "title", "pk"
        )


class SupervisorForm(forms.Form):
    supervisor = PersonField(label=_("Supervisor"), queryset=None, required=False)

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = cohort.supervisors.order_by("display_name", "pk")
        self.fields["supervisor"].empty_label = _("Nobody")


class DeliverableForm(forms.ModelForm):
    files = ModelIdMultipleChoiceField(
        label=_("Linked files"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Deliverable
        fields = ["title", "summary", "files"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"summary": _("Plain text: what the deliverable is and what changed.")}

    def __init__(self, *args, space: ProjectSpace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].queryset = space.files.order_by("name", "pk")


class SignOffForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=SignOffDecision.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comments"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you request changes; the team receives them by email."),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") == SignOffDecision.REQUEST_CHANGES
            and not (cleaned.get("comment") or "").strip()
        ):
            self.add_error("comment", _("Say what should change."))
        return cleaned
