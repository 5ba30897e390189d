"""Web addresses that keep the script of a title, combining marks included.

Django's ``slugify(allow_unicode=True)`` and validator keep only ``\\w``, which in Python means
letters and digits but not combining marks: the vowel signs, virama and nukta of Devanagari,
Bengali, Sinhala and Tamil, and the diacritics of Urdu. ``किसान भविष्य`` became ``कसन-भवषय``,
which no reader recognises, and two different titles could shrink to the same address.
Wagtail's page slug validator and its page-serving URL pattern have the same gap, so a slug
with marks was refused in the admin and, stored another way, answered 404.

One rule, used everywhere a slug is made or checked: letters, digits and marks of any script,
plus ``-`` and ``_``; invisible format characters (zero-width joiners) are dropped; everything
else becomes a single ``-``.
"""

from __future__ import annotations

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import SlugInput
from wagtail.models import Page

# Wagtail's serve pattern, widened to every character a slug may hold here: a page's address
# is looked up by its slugs, so anything else simply finds no page (404). Control characters
# stay out (PostgreSQL refuses NUL in a query, which would answer 500), and so do dots, as in
# Wagtail's: no slug has one, and a file address (``…/notes.txt``) must answer 404, not a 301
# to ``…/notes.txt/``.
PAGE_PATH_PATTERN = r"^((?:[^/.\x00-\x1f\x7f]+/)*)$"
SEPARATORS_KEPT = "-_"


def _is_slug_character(character: str) -> bool:
    return unicodedata.category(character)[0] in "LMN" or character in SEPARATORS_KEPT


def script_slugify(text: str, *, fallback: str, max_length: int = 255) -> str:
    """``text`` as a lower-case slug in its own script; ``fallback`` when nothing is left.

    NFC first, so the same title typed with precomposed or decomposed characters gives one
    slug. Runs of anything but letters, digits, marks, ``-`` and ``_`` become one ``-``.
    """
    normalised = unicodedata.normalize("NFC", str(text)).lower()
    pieces, current = [], []
    for character in normalised:
        if unicodedata.category(character) == "Cf":
            continue  # zero-width joiners and the like shape letters; they are not letters
        if _is_slug_character(character) and character != "-":
            current.append(character)
        elif current:
            pieces.append("".join(current))
            current = []
    if current:
        pieces.append("".join(current))
    slug = "-".join(pieces)[:max_length].strip("-_")
    return slug or fallback


def validate_script_slug(value: str) -> None:
    """Refuse a slug holding anything ``script_slugify`` would not produce."""
    if value and all(_is_slug_character(character) for character in value):
        return
    raise ValidationError(
        _(
            "Enter a valid address: letters, digits and vowel signs of any script, "
            "hyphens or underscores."
        ),
        code="invalid",
        params={"value": value},
    )


class ScriptSlugFormField(forms.SlugField):
    """A slug form field that accepts combining marks when the model field allows Unicode."""

    def __init__(self, *, allow_unicode=False, **kwargs):
        super().__init__(allow_unicode=allow_unicode, **kwargs)
        if allow_unicode:  # forms.SlugField put Django's validate_unicode_slug first
            self.validators = [validate_script_slug, *self.validators[1:]]

    def to_python(self, value):
        value = super().to_python(value)
        return unicodedata.normalize("NFC", value) if value else value


def page_slugs_accept_marks() -> None:
    """Make Wagtail's page slug (model and admin form) accept what ``script_slugify`` makes.

    Wagtail's ``Page.slug`` is a Unicode ``SlugField`` whose validator is Django's ``^[-\\w]+``;
    the field belongs to Wagtail, so its validators are replaced here, once, at start-up.
    """

    field = Page._meta.get_field("slug")
    field.default_validators = [validate_script_slug]
    field.__dict__.pop("validators", None)  # a cached_property, rebuilt from the line above
    register_form_field_override(
        models.SlugField, override={"widget": SlugInput, "form_class": ScriptSlugFormField}
    )
