"""Forms of a lab team's proposal: starting it, writing it, its team and attachments."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from challenges.forms.widgets import MARKDOWN_HELP, markdown_area
from challenges.models import (
    PROPOSAL_ATTACHMENT_POLICY,
    Proposal,
)
from core.forms import ModelIdChoiceField
from labs.models import LabMembership, LabPage


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
            "approach": markdown_area(10),
            "work_plan": markdown_area(6),
            "experience": markdown_area(5),
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
