"""The contact page's form: the fields editors define, plus a trap for robots."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import FormBuilder

#: The contact form's trap for robots: a text field people never see (hidden by CSS, out of the
#: tab order and from assistive technology) that spam scripts fill in.
HONEYPOT_FIELD = "website"


class ContactFormBuilder(FormBuilder):
    """The editor's fields plus the honeypot."""

    @property
    def formfields(self):
        fields = super().formfields
        fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            max_length=200,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )
        return fields
