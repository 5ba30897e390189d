"""Forms for people: sign-up extras and the profile editor."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Profile, ProfileField, ProfileRole
from .validators import normalise_orcid, validate_orcid


class SignupForm(forms.Form):
    """Extra fields allauth adds to its sign-up form (email and passwords come from allauth)."""

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        help_text=_("How your name appears on the site, e.g. Ayesha Khan."),
    )
    role = forms.ChoiceField(label=_("I am a"), choices=ProfileRole.choices)

    def signup(self, request, user) -> None:
        from .services import profile_create_for_signup

        profile_create_for_signup(
            user=user,
            display_name=self.cleaned_data["display_name"],
            role=self.cleaned_data["role"],
        )


class ProfileForm(forms.ModelForm):
    display_name = forms.CharField(label=_("Display name"), max_length=120)
    public_fields = forms.MultipleChoiceField(
        label=_("Show on my public profile"),
        choices=ProfileField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    orcid = forms.CharField(
        label=_("ORCID iD"),
        required=False,
        max_length=60,
        help_text=_("Optional. For example 0000-0002-1825-0097 or https://orcid.org/…"),
    )

    class Meta:
        model = Profile
        fields = [
            "institution",
            "country",
            "role",
            "expertise",
            "languages",
            "bio",
            "orcid",
            "is_public",
            "public_fields",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["display_name"].initial = self.instance.user.display_name
        self.order_fields(["display_name", *self.Meta.fields])

    def clean_orcid(self) -> str:
        value = self.cleaned_data.get("orcid", "")
        if not value:
            return ""
        validate_orcid(value)
        return normalise_orcid(value)

    def clean_languages(self) -> str:
        items = [item.strip() for item in self.cleaned_data["languages"].split(",")]
        return ", ".join(dict.fromkeys(item for item in items if item))


class AccountDeleteForm(forms.Form):
    confirm = forms.CharField(
        label=_("Type DELETE to confirm"),
        help_text=_("This cannot be undone."),
    )

    def clean_confirm(self) -> str:
        value = self.cleaned_data["confirm"]
        if value.strip() != "DELETE":
            raise forms.ValidationError(_("Type the word DELETE in capital letters to confirm."))
        return value
