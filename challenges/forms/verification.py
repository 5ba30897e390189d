"""The form a policymaker fills in to be verified as speaking for a government agency."""

from django import forms
from django.utils.translation import gettext_lazy as _

from challenges.models import PolicymakerVerification
from core.forms import ModelIdChoiceField


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
