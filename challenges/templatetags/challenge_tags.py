"""Template helpers for challenges: deadlines shown in the site's and the viewer's time zone."""

import zoneinfo

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from core.templatetags.commons import machine_datetime
from core.time_zones import same_clock, zone_abbreviation

register = template.Library()


def _format(moment, tz) -> str:
    local = timezone.localtime(moment, tz)
    return f"{date_format(local, 'DATETIME_FORMAT')} {zone_abbreviation(local)}"


@register.simple_tag(takes_context=True)
def deadline(context, moment):
    """<time> in the site's zone (Asia/Karachi), plus the reader's own zone when it differs.

    The server enforces the deadline in the site's zone; the second line is a courtesy.
    """
    if not moment:
        return _("No deadline set")
    site_tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    site_text = _format(moment, site_tz)
    # The reader's zone (profile, country or browser), activated by ReaderTimeZoneMiddleware.
    viewer_tz = timezone.get_current_timezone()
    if not same_clock(viewer_tz, site_tz, moment):
        return format_html(
            '<time datetime="{}">{} ({})</time> <span class="deadline__local">— {} {}</span>',
            machine_datetime(moment), site_text, settings.TIME_ZONE, _format(moment, viewer_tz),
            _("in your time zone (%(zone)s)") % {"zone": getattr(viewer_tz, "key", viewer_tz)},
        )  # fmt: skip
    return format_html(
        '<time datetime="{}">{} ({})</time> <span class="deadline__local" data-local-time="{}"></span>',
        machine_datetime(moment), site_text, settings.TIME_ZONE, machine_datetime(moment),
    )  # fmt: skip
