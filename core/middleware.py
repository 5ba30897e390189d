"""Request guards that hold for every view."""

from __future__ import annotations

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string


class RefuseNulInQueryMiddleware:
    """Answer 400 to a query string carrying a NUL character, before any view reads it.

    No address of the site needs one, and PostgreSQL refuses NUL in any text it is given, so a
    filter such as ``?country=%00`` would otherwise reach the database and answer 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or "\x00" in value for key, value in _query_items(request)):
            return HttpResponseBadRequest(render_to_string("400.html", request=request))
        return self.get_response(request)


def _query_items(request):
    for key, values in request.GET.lists():
        for value in values:
            yield key, value


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with ``settings.ADMIN_CONTENT_SECURITY_POLICY`` for the admins."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        is_admin = request.path_info.startswith(tuple(settings.ADMIN_URL_PREFIXES))
        if is_admin and not report_only and parts.config is None:
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
        return parts
