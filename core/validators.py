"""Validators for identifiers people type in by hand."""

import re

from django.core.exceptions import ValidationError
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
