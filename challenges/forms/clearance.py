"""Forms of the clearance of a finding by the challenge's owners."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from challenges.forms.widgets import MARKDOWN_HELP, DateInput, markdown_area
from challenges.models import ClearanceDecision
from challenges.models.clearance import CLEARANCE_NOTE_MAX_LENGTH


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
        label=_("Abstract"), max_length=1500, widget=markdown_area(6), help_text=MARKDOWN_HELP
    )
