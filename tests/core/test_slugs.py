"""core.slugs: one slug rule for every script, accepted by Wagtail's page model and admin form."""

import unicodedata

import pytest
from django.core.exceptions import ValidationError

from core.slugs import ScriptSlugFormField, script_slugify, validate_script_slug


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("किसान भविष्य", "किसान-भविष्य"),  # vowel signs and virama kept
        ("पढ़ाई का हक़", "पढ़ाई-का-हक़"),  # nukta kept
        ("নাগরিক সেবা", "নাগরিক-সেবা"),
        ("ශ්‍රී ලංකා", "ශ්රී-ලංකා"),  # the zero-width joiner is formatting, not a letter
        ("தமிழ் நாடு", "தமிழ்-நாடு"),
        ("ضلعی حکومت", "ضلعی-حکومت"),
        ("One-stop shop!", "one-stop-shop"),
        ("  --  Lots   of -- space ", "lots-of-space"),
        ("snake_case", "snake_case"),
    ],
)
def test_script_slugify_keeps_letters_digits_and_marks(title, slug):
    assert script_slugify(title, fallback="x") == slug


def test_script_slugify_normalises_to_nfc_and_falls_back():
    decomposed = unicodedata.normalize("NFD", "पढ़ाई")
    assert script_slugify(decomposed, fallback="x") == unicodedata.normalize("NFC", "पढ़ाई")
    assert script_slugify("!!! — ???", fallback="case-study") == "case-study"
    assert len(script_slugify("क" * 300, fallback="x", max_length=70)) == 70


def test_validator_accepts_marks_and_refuses_spaces_and_slashes():
    validate_script_slug("किसान-भविष्य")
    for bad in ["किसान भविष्य", "a/b", "", "a.b"]:
        with pytest.raises(ValidationError):
            validate_script_slug(bad)


def test_page_slug_field_and_admin_form_field_accept_marks():
    from wagtail.admin.forms.models import formfield_for_dbfield
    from wagtail.models import Page

    Page._meta.get_field("slug").run_validators("किसान-भविष्य")
    form_field = formfield_for_dbfield(Page._meta.get_field("slug"))
    assert isinstance(form_field, ScriptSlugFormField)
    assert form_field.clean("किसान-भविष्य") == "किसान-भविष्य"
    with pytest.raises(ValidationError):
        form_field.clean("किसान भविष्य")
