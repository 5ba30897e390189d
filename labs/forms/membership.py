"""Forms about lab membership: asking to join, deciding, inviting, roles, leaving, listing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from labs.models import (
    LabJoinRequest,
    LabMembership,
    LabRole,
)

JOINABLE_ROLES = [(value, label) for value, label in LabRole.choices if value != LabRole.LEAD]


class JoinRequestForm(forms.ModelForm):
    """Pass ``initial={"role": lab_join_role_default(user=...)}``: without a profile role the
    person picks one, rather than being filed under the first role in the list."""

    role = forms.ChoiceField(
        label=_("I am joining as"), choices=[("", _("Choose one…")), *JOINABLE_ROLES]
    )

    class Meta:
        model = LabJoinRequest
        fields = ["role", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "message": _("A few lines on who you are and what you would like to work on."),
        }


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("decline", _("Decline"))], widget=forms.HiddenInput
    )
    reason = forms.CharField(
        label=_("Reason (optional, sent to the person)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=LabRole.choices, initial=LabRole.STUDENT)
    message = forms.CharField(
        label=_("Personal note (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=LabRole.choices)


class RemovalForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional, sent to the person)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ListingForm(forms.ModelForm):
    class Meta:
        model = LabMembership
        fields = ["is_listed"]
