from urllib.parse import urlencode

from django import template

register = template.Library()


def _params(request, drop=("page",)):
    return [(k, v) for k, values in request.GET.lists() if k not in drop for v in values]


@register.simple_tag(takes_context=True)
def facet_toggle_url(context, facet, value):
    """The current search with ``facet=value`` added or removed (back to page 1)."""
    request = context["request"]
    params = _params(request)
    pair = (facet, str(value))
    params = [p for p in params if p != pair] if pair in params else [*params, pair]
    return "?" + urlencode(params)


@register.simple_tag(takes_context=True)
def search_url(context, **changes):
    """The current search with some parameters replaced (e.g. sort=newest or page=3)."""
    request = context["request"]
    params = [(k, v) for k, v in _params(request, drop=("page", *changes))]
    params += [(k, v) for k, v in changes.items() if v not in (None, "")]
    return "?" + urlencode(params)
