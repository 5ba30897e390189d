"""Forms for people: sign-up extras and the profile editor."""

import re

from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.core import context as allauth_context
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.utils import ErrorDict
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .models import Country, Profile, ProfileField, ProfileRole
from .services import profile_create_for_signup
from .text import MAX_DOCUMENT_MARKDOWN_LENGTH, render_markdown
from .time_zones import COUNTRY_TIME_ZONES, time_zone_choices
from .validators import normalise_orcid, validate_no_control_characters, validate_orcid

#: The name of the submit button that asks for previews instead of saving (no JavaScript).
MARKDOWN_PREVIEW_ACTION = "markdown_preview"


class MarkdownTextarea(forms.Textarea):
    """The one editor for Markdown people write on the public site.

    Renders the textarea with a "Up to N characters" hint that site's script turns into a
    live "N of MAX characters" count and a Write / Preview pair of tabs (the preview comes
    from ``core:markdown_preview``, i.e. the same sanitiser as the saved text). Without
    JavaScript, a form's "Preview" button (``MARKDOWN_PREVIEW_ACTION``) re-renders the form
    with ``show_markdown_previews``. The box starts small and grows with its text (CSS).
    """

    template_name = "core/widgets/markdown_textarea.html"

    def __init__(self, attrs=None, *, rows: int = 4):
        super().__init__({"rows": rows, **(attrs or {})})
        self.shows_preview = False

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        max_length = _positive_int(widget["attrs"].get("maxlength"))
        widget_id = widget["attrs"].get("id")
        if widget_id:
            count_id = f"{widget_id}_count"
            described_by = widget["attrs"].get("aria-describedby", "")
            widget["attrs"]["aria-describedby"] = f"{described_by} {count_id}".strip()
            widget["count_id"] = count_id
        widget["max_length"] = max_length
        widget["preview_url"] = reverse("core:markdown_preview")
        if self.shows_preview:
            widget["preview"] = render_markdown(
                value or "", max_chars=max_length or MAX_DOCUMENT_MARKDOWN_LENGTH
            )
        return context


class SiteTimeZoneDateTimeField(forms.DateTimeField):
    """A date and time typed, and shown, on the site's clock (settings.TIME_ZONE), whatever
    the reader's zone: for forms whose help text promises Pakistan time (challenge deadlines).
    ReaderTimeZoneMiddleware makes every other time follow the reader."""

    def to_python(self, value):
        with timezone.override(settings.TIME_ZONE):
            return super().to_python(value)

    def prepare_value(self, value):
        with timezone.override(settings.TIME_ZONE):
            return super().prepare_value(value)


class FilterableCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """A long list of checkboxes (partners, countries) instead of a Ctrl-click multi-select:
    it works with a keyboard, a screen reader and a phone as it is. The list scrolls in a box
    of its own, and the site's script adds a text box that filters it as one types."""

    template_name = "core/widgets/filterable_checkboxes.html"


class PlaceCheckboxes(FilterableCheckboxSelectMultiple):
    """Places (``core.Place``, several hundred) on the public site's forms: each label names the
    province or division it lies in, so typing "Punjab" in the filter finds the province and its
    districts. The Wagtail admin chooses places by autocomplete instead (``Place.autocomplete_*``).
    """


def _positive_int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def markdown_preview_requested(request) -> bool:
    """The person pressed "Preview" (without JavaScript): show, do not save."""
    return request.method == "POST" and MARKDOWN_PREVIEW_ACTION in request.POST


#: The name of the submit button that keeps a half-written form as a private draft.
SAVE_DRAFT_ACTION = "save_draft"


def draft_requested(request) -> bool:
    return request.method == "POST" and SAVE_DRAFT_ACTION in request.POST


def defer_required_fields(form, *, keep: tuple[str, ...] = ("title",)) -> None:
    """For "Save draft": only the fields storage needs (``keep``) stay required; everything
    else is still checked (lengths, choices, dates) but may be left empty until sending."""
    for name, field in form.fields.items():
        if name not in keep:
            field.required = False


def has_input(form, names) -> bool:
    """Whether any of the named fields holds a value or an error: an optional section that
    does must start unfolded, so nothing typed or wrong is hidden."""
    for name in names:
        field = form[name]
        if field.errors or field.value() not in (None, "", [], ()):
            return True
    return False


def show_markdown_previews(*forms_to_preview) -> None:
    """Show each Markdown field's rendered text below it, keeping everything typed.

    A preview is not a submission, so the forms are not validated: a half-written form shows
    no "This field is required" (the errors come when the person sends or saves it).
    """
    for form in forms_to_preview:
        form._errors = ErrorDict()  # validation is for sending, not for looking
        for field in form.fields.values():
            if isinstance(field.widget, MarkdownTextarea):
                field.widget.shows_preview = True


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
_STORABLE_ID = re.compile(r"[0-9]{1,18}")


def _has_integer_key(field: forms.ModelChoiceField) -> bool:
    key_field = (
        field.queryset.model._meta.get_field(field.to_field_name)
        if field.to_field_name
        else field.queryset.model._meta.pk
    )
    while key_field.is_relation:  # multi-table models (pages) key on a one-to-one to the parent
        key_field = key_field.target_field
    return isinstance(key_field, models.IntegerField)


class ModelIdChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that calls a tampered id (30 digits, "²", "1.5") an invalid choice.

    Django guards plain integer keys only for exact lookups; a page's key is a one-to-one to
    its parent, so such a value reaches the database and fails with a 500 instead.
    """

    def to_python(self, value):
        if (
            value not in self.empty_values
            and _has_integer_key(self)
            and not _STORABLE_ID.fullmatch(str(value))
        ):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ModelIdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """The multiple-choice twin of ModelIdChoiceField (Django's ``__in`` check has no guard)."""

    def _check_values(self, value):
        if _has_integer_key(self):
            for item in value:
                if not _STORABLE_ID.fullmatch(str(item)):
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": item},
                    )
        return super()._check_values(value)


class UploadField(forms.FileField):
    """One file, checked by an ``core.uploads.UploadPolicy`` (type by content, size)."""

    def __init__(self, *args, policy, **kwargs):
        self.policy = policy
        kwargs["validators"] = [*kwargs.get("validators", ()), policy]
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", policy.accept_attribute)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleUploadField(UploadField):
    """Zero or more files, each checked by the policy; every refusal is listed."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_clean = super().clean
        items = data if isinstance(data, list | tuple) else [data]
        files, errors = [], []
        for item in items:
            if not item:
                continue
            try:
                files.append(single_clean(item, initial))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        if self.required and not files:
            raise ValidationError(self.error_messages["required"], code="required")
        return files
