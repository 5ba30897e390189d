from urllib.parse import urlencode

from django import template
from django.utils.dateformat import format as date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

from search.adapters import date_phrases

register = template.Library()


def _params(request, drop=("page",)):
    return [(k, v) for k, values in request.GET.lists() if k not in drop for v in values]


@register.simple_tag(takes_context=True)
def search_url(context, **changes):
    """The current search with some parameters replaced (e.g. sort=newest or page=3)."""
    request = context["request"]
    params = [(k, v) for k, v in _params(request, drop=("page", *changes))]
    params += [(k, v) for k, v in changes.items() if v not in (None, "")]
    return "?" + urlencode(params)


@register.simple_tag
def result_date(hit):
    """{% result_date hit %}: "Published <time>…</time>" for content, "Takes place …" for an
    event; nothing for partners and labs, whose stored date is only their first publication."""
    phrase = date_phrases().get(hit.content_type)
    if not phrase or hit.published_at is None:
        return ""
    day = localtime(hit.published_at).date()
    time_element = format_html(
        '<time datetime="{}">{}</time>', day.isoformat(), date_format(day, "j M Y")
    )
    return mark_safe(conditional_escape(str(phrase)) % {"date": time_element})  # noqa: S308
