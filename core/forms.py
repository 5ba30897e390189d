"""Forms for people: sign-up extras and the profile editor."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Country, Profile, ProfileField, ProfileRole
from .validators import normalise_orcid, validate_orcid


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form (email, passwords) plus the person's name and role.

    Configured as ACCOUNT_FORMS["signup"], so it must be a subclass of allauth's form;
    allauth calls ``signup()`` once the user row exists.
    """

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        help_text=_("How your name appears on the site, e.g. Ayesha Khan."),
    )
    role = forms.ChoiceField(
        label=_("I am a"),
        choices=[("", _("Choose one…")), *ProfileRole.choices],
        help_text=_("You can change this later on your profile."),
    )

    # allauth applies this order to its own fields and ours.
    field_order = ["display_name", "email", "role", "password1", "password2"]

    def signup(self, request, user) -> None:
        from .services import profile_create_for_signup

        profile_create_for_signup(
            user=user,
            display_name=self.cleaned_data["display_name"],
            role=self.cleaned_data["role"],
        )


class ProfileForm(forms.ModelForm):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=120,
        help_text=_("Always shown on your profile and next to what you post."),
    )
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
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 5}),
            "institution": forms.TextInput(attrs={"autocomplete": "organization"}),
        }
        help_texts = {
            "bio": _("A few sentences about your work. Up to 1,000 characters."),
            "is_public": _(
                "When off, your profile page answers “not found” to everyone but you. "
                "Your name still appears next to what you post."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["display_name"].initial = self.instance.user.display_name
        self.fields["country"].queryset = Country.objects.order_by("name")
        self.fields["country"].empty_label = _("Not specified")
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

    def detail_rows(self) -> list[dict]:
        """Each profile detail with the checkbox that makes it public, for a side-by-side editor."""
        visibility = {
            str(choice.data["value"]): choice for choice in self["public_fields"].subwidgets
        }
        return [
            {"field": self[name], "visibility": visibility.get(name)}
            for name in ("institution", "country", "role", "expertise", "languages", "bio", "orcid")
        ]


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.CharField(
        label=_("Type DELETE to confirm"),
        help_text=_("The word DELETE, in capital letters."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            # Nothing to check against (e.g. an account made without a password).
            del self.fields["password"]

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your current password."))
        return password

    def clean_confirm(self) -> str:
        value = self.cleaned_data["confirm"]
        if value.strip() != "DELETE":
            raise forms.ValidationError(_("Type the word DELETE in capital letters to confirm."))
        return value
