"""The licences a contributor may choose for a case study or finding.

Codes are SPDX identifiers where one exists, so API clients can match them without a table of
ours. "not-specified" marks items published before contributors chose a licence: they were
shared "under their own terms", and the site must not claim an open licence on their behalf.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class Licence(models.TextChoices):
    CC_BY = "CC-BY-4.0", "CC BY 4.0"
    CC_BY_SA = "CC-BY-SA-4.0", "CC BY-SA 4.0"
    CC_BY_NC = "CC-BY-NC-4.0", "CC BY-NC 4.0"
    CC_BY_NC_SA = "CC-BY-NC-SA-4.0", "CC BY-NC-SA 4.0"
    CC0 = "CC0-1.0", "CC0 1.0"
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved")
    NOT_SPECIFIED = "not-specified", _("Not specified")


DEFAULT_LICENCE = Licence.CC_BY

DEED_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}

# What each choice lets a reader do, in a sentence shown next to the choice and on the page.
SUMMARIES = {
    Licence.CC_BY: _(
        "Anyone may share and adapt it, also commercially, if they credit the authors."
    ),
    Licence.CC_BY_SA: _(
        "Anyone may share and adapt it, if they credit the authors and share adaptations under "
        "the same licence."
    ),
    Licence.CC_BY_NC: _(
        "Anyone may share and adapt it for non-commercial purposes, if they credit the authors."
    ),
    Licence.CC_BY_NC_SA: _(
        "Anyone may share and adapt it for non-commercial purposes, if they credit the authors "
        "and share adaptations under the same licence."
    ),
    Licence.CC0: _("Dedicated to the public domain: anyone may use it without conditions."),
    Licence.ALL_RIGHTS_RESERVED: _(
        "Read it here; ask the authors for permission before reusing it elsewhere."
    ),
    Licence.NOT_SPECIFIED: _(
        "No licence was specified when this was published. Ask the authors before reusing it "
        "beyond quotation."
    ),
}

#: The choices offered to contributors: every real licence, never "not specified".
CONTRIBUTOR_CHOICES = [
    (value, label) for value, label in Licence.choices if value != Licence.NOT_SPECIFIED
]


@dataclass(frozen=True)
class LicenceInfo:
    code: str
    name: str
    url: str
    summary: str

    @property
    def is_open(self) -> bool:
        """A licence with a public deed that readers may rely on (a Creative Commons one)."""
        return bool(self.url)

    def as_api(self) -> dict:
        return {"code": self.code, "name": self.name, "url": self.url}


def licence_info(code: str) -> LicenceInfo:
    """Details of a stored code; an unknown code reads as "not specified" (claims nothing)."""
    try:
        licence = Licence(code)
    except ValueError:
        licence = Licence.NOT_SPECIFIED
    return LicenceInfo(
        code=licence.value,
        name=str(licence.label),
        url=DEED_URLS.get(licence, ""),
        summary=str(SUMMARIES[licence]),
    )


class LicenceAPIField(serializers.Field):
    """The API's ``licence``: ``{"code", "name", "url"}`` (url empty when there is no deed)."""

    def to_representation(self, value):
        return licence_info(value).as_api()


def licence_model_field():
    """The ``licence`` column of every knowledge page type."""
    return models.CharField(
        _("licence"),
        max_length=20,
        choices=Licence.choices,
        default=DEFAULT_LICENCE,
        help_text=_(
            "Chosen by the contributor. “Not specified” is for items published before licences "
            "were asked for: it claims no licence on the authors' behalf."
        ),
    )
