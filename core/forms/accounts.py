"""Forms for people: sign-up extras, the profile editor, deleting an account."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.core import context as allauth_context
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.forms.widgets import MarkdownTextarea
from core.models import Country, Profile, ProfileField, ProfileRole
from core.services import profile_create_for_signup
from core.time_zones import COUNTRY_TIME_ZONES, time_zone_choices
from core.validators import normalise_orcid, validate_no_control_characters, validate_orcid


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form (email, passwords) plus the person's name and role.

    Configured as ACCOUNT_FORMS["signup"], so it must be a subclass of allauth's form;
    allauth calls ``signup()`` once the user row exists.
    """

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        validators=[validate_no_control_characters],
        help_text=_("How your name appears on the site, e.g. Ayesha Khan."),
    )
    role = forms.ChoiceField(
        label=_("I am a"),
        choices=[("", _("Choose one…")), *ProfileRole.choices],
        help_text=_("You can change this later on your profile."),
    )

    # allauth applies this order to its own fields and ours.
    field_order = ["display_name", "email", "role", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.invited_email = invited_signup_email(allauth_context.request)
        if self.invited_email:
            email = self.fields["email"]
            email.initial = self.invited_email
            email.widget.attrs["readonly"] = True
            email.help_text = _(
                "The address your invitation was sent to. You can add others to your account "
                "once it is set up."
            )

    def clean_email(self):
        typed = self.cleaned_data.get("email", "")
        if self.invited_email and typed.strip().lower() != self.invited_email.lower():
            raise ValidationError(
                _(
                    "Your invitation was sent to %(email)s, so this account must use that "
                    "address. To sign up with another one, ask to be invited at it."
                )
                % {"email": self.invited_email}
            )
        return super().clean_email()

    def signup(self, request, user) -> None:

        profile_create_for_signup(
            user=user,
            display_name=self.cleaned_data["display_name"],
            role=self.cleaned_data["role"],
            language=translation.get_language(),
        )


def invited_signup_email(request) -> str:
    """The address an invitation link proved for this browser session, or "".

    An app that emails invitations (labs) stashes the invited address with allauth's
    ``stash_verified_email`` when the person follows the link to sign up; sign-up is then
    for that address only, and allauth marks it verified without another email.
    """
    if request is None or not hasattr(request, "session"):
        return ""
    return request.session.get("account_verified_email") or ""


class ProfileForm(forms.ModelForm):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=120,
        validators=[validate_no_control_characters],
        help_text=_("Always shown on your profile and next to what you post."),
    )
    public_fields = forms.MultipleChoiceField(
        label=_("Show on my public profile"),
        choices=ProfileField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    time_zone = forms.ChoiceField(
        label=_("Your time zone"),
        required=False,
        help_text=_(
            "Event times and deadlines are also shown on this clock. "
            "Leave it as it is to follow your country."
        ),
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
            "language",
            "bio",
            "orcid",
            "is_public",
            "public_fields",
            "matching_enabled",
            "time_zone",
        ]
        widgets = {
            "bio": MarkdownTextarea(),
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
        self.fields["country"].queryset = Country.objects.region_first()
        self.fields["country"].empty_label = _("Not specified")
        self.fields["language"].choices = [("", _("Same as my browser")), *settings.LANGUAGES]
        self.fields["time_zone"].choices = [
            ("", _("Same as my country (or Pakistan time without one)")),
            *time_zone_choices(
                dict(
                    Country.objects.filter(code__in=COUNTRY_TIME_ZONES).values_list("code", "name")
                )
            ),
        ]
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


# Up to 18 ASCII digits always fits a 64-bit database integer.
