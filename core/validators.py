"""Validators for identifiers people type in by hand."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

ORCID_PATTERN = re.compile(r"^(\d{4})-(\d{4})-(\d{4})-(\d{3}[\dX])$")


def orcid_checksum_digit(base_digits: str) -> str:
    """ISO 7064 MOD 11-2 check character over the first 15 digits of an ORCID iD."""
    total = 0
    for digit in base_digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def normalise_orcid(value: str) -> str:
    """Accept the forms people paste (URL, spaces, lower-case x) and return 0000-0000-0000-000X."""
    value = (value or "").strip()
    for prefix in ("https://orcid.org/", "http://orcid.org/", "orcid.org/"):
        if value.lower().startswith(prefix):
            value = value[len(prefix) :]
    return value.replace(" ", "").upper()


def validate_orcid(value: str) -> None:
    value = normalise_orcid(value)
    match = ORCID_PATTERN.match(value)
    if not match:
        raise ValidationError(
            _("Enter an ORCID iD in the form 0000-0002-1825-0097."), code="orcid_format"
        )
    digits = "".join(match.groups())
    if orcid_checksum_digit(digits[:15]) != digits[15]:
        raise ValidationError(
            _("This ORCID iD's check digit is wrong; please copy it again from orcid.org."),
            code="orcid_checksum",
        )


# C0 controls except tab, line feed and carriage return; DEL; C1 controls. None can be typed on
# purpose; they arrive by pasting from PDFs or spreadsheets, and XML 1.0 (RSS/Atom, XLSX)
# cannot hold the C0 ones at all, so one stored title used to break every feed.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def validate_no_control_characters(value) -> None:
    match = CONTROL_CHARACTERS.search(str(value or ""))
    if match:
        raise ValidationError(
            _(
                "This text contains an invisible control character (U+%(code)04X), often picked "
                "up when copying from a PDF or spreadsheet. Please remove it or type the text again."
            ),
            code="control_character",
            params={"code": ord(match.group())},
        )


def without_control_characters(value: str) -> str:
    """``value`` with control characters removed, for output formats that cannot hold them."""
    return CONTROL_CHARACTERS.sub("", value)


class SingleLineTextMixin:
    """Model mixin: every ``CharField`` (titles, names, codes) refuses control characters.

    Checked in ``clean_fields``, like a field validator, so admin and site forms show the message
    next to the field, fields a form leaves out are not judged, and no migration is needed
    (Wagtail's own ``Page.title`` cannot take a validator).
    """

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if not isinstance(field, models.CharField) or (exclude and field.name in exclude):
                continue
            if field.name in errors:
                continue
            try:
                validate_no_control_characters(getattr(self, field.attname))
            except ValidationError as error:
                errors[field.name] = error.error_list
        if errors:
            raise ValidationError(errors)
