"""Forms of what came of a challenge: its state and the agency's response."""

from django import forms
from django.utils.translation import gettext_lazy as _

from challenges.forms.widgets import DateInput, markdown_area
from challenges.models import (
    AgencyResponse,
    ManualState,
)


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
        widgets = {"responded_on": DateInput(), "statement": markdown_area(5)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            ("", _("Choose the response")),
            *AgencyResponse._meta.get_field("kind").choices,
        ]
