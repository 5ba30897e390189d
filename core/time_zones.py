"""Whose clock a time is shown on, and how its zone is named.

A reader's zone: the one on their profile, else their country's, else the zone their browser
reported (the ``tz`` cookie challenges/timezone.js sets), else the site's (Asia/Karachi).
``ReaderTimeZoneMiddleware`` activates it for the request, so ``|date`` and friends show
times on the reader's clock; ``zone_abbreviation`` names the zone next to every time.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import cache
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The zone each of the network's countries keeps (none of them has daylight saving time).
COUNTRY_TIME_ZONES = {
    "PK": "Asia/Karachi",
    "IN": "Asia/Kolkata",
    "BD": "Asia/Dhaka",
    "NP": "Asia/Kathmandu",
    "LK": "Asia/Colombo",
    "BT": "Asia/Thimphu",
    "AF": "Asia/Kabul",
    "MV": "Indian/Maldives",
}
# The IANA database names most of these zones only by their offset ("+0545"); people in the
# region know them by these abbreviations.
ZONE_ABBREVIATIONS = {
    "Asia/Karachi": "PKT",
    "Asia/Kolkata": "IST",
    "Asia/Calcutta": "IST",
    "Asia/Dhaka": "BST",
    "Asia/Kathmandu": "NPT",
    "Asia/Katmandu": "NPT",
    "Asia/Colombo": "SLST",
    "Asia/Thimphu": "BTT",
    "Asia/Kabul": "AFT",
    "Indian/Maldives": "MVT",
}
TIME_ZONE_COOKIE = "tz"
MAX_ZONE_NAME_LENGTH = 64


@cache
def _known_zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def zone_or_none(name: str | None) -> zoneinfo.ZoneInfo | None:
    """The zone called ``name``, or None for a blank, unknown or malformed name."""
    if not name or len(name) > MAX_ZONE_NAME_LENGTH or name not in _known_zone_names():
        return None
    return zoneinfo.ZoneInfo(name)


def validate_time_zone(name: str) -> None:
    if name and zone_or_none(name) is None:
        raise ValidationError(
            _("“%(name)s” is not a time zone we know. Choose one from the list."),
            code="invalid_time_zone",
            params={"name": name},
        )


def time_zone_choices(country_names: dict[str, str]) -> list:
    """The network's zones first (named by ``country_names``, code to name), then every other
    IANA zone. The names are passed in: core.models imports this module for its validator."""
    region = [
        (zone, f"{country_names.get(code, code)} — {zone} ({ZONE_ABBREVIATIONS[zone]})")
        for code, zone in COUNTRY_TIME_ZONES.items()
    ]
    regional = set(COUNTRY_TIME_ZONES.values())
    others = [(zone, zone) for zone in sorted(_known_zone_names()) if zone not in regional]
    return [(_("South Asia"), region), (_("Everywhere else"), others)]


def country_time_zone(country_code: str | None) -> str:
    return COUNTRY_TIME_ZONES.get((country_code or "").upper(), "")


def profile_time_zone(profile) -> zoneinfo.ZoneInfo | None:
    """The zone a profile chose, else its country's, else None."""
    if profile is None:
        return None
    chosen = zone_or_none(profile.time_zone)
    if chosen is not None:
        return chosen
    country = profile.country if profile.country_id else None
    return zone_or_none(country_time_zone(country.code if country else ""))


def reader_time_zone(request) -> zoneinfo.ZoneInfo | None:
    """The zone to show this request's times in; None for the site's default."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        zone = profile_time_zone(getattr(user, "profile", None))
        if zone is not None:
            return zone
    return zone_or_none(unquote(request.COOKIES.get(TIME_ZONE_COOKIE, "")))


def zone_abbreviation(moment: dt.datetime) -> str:
    """How people name the zone of an aware ``moment``: PKT, IST, NPT, GMT… or UTC+05:45."""
    key = getattr(moment.tzinfo, "key", "")
    if key in ZONE_ABBREVIATIONS:
        return ZONE_ABBREVIATIONS[key]
    name = moment.tzname() or ""
    if name and name[0] not in "+-":
        return name
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def same_clock(first: dt.tzinfo, second: dt.tzinfo, moment: dt.datetime) -> bool:
    """Whether two zones show ``moment`` at the same wall time under the same name."""
    one, other = timezone.localtime(moment, first), timezone.localtime(moment, second)
    return one.utcoffset() == other.utcoffset() and zone_abbreviation(one) == zone_abbreviation(
        other
    )
