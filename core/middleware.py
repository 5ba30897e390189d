"""Request guards that hold for every view."""

from __future__ import annotations

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string


class RefuseNulInQueryMiddleware:
    """Answer 400 to a query string carrying a NUL character, before any view reads it.

    No address of the site needs one, and PostgreSQL refuses NUL in any text it is given, so a
    filter such as ``?country=%00`` would otherwise reach the database and answer 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = _parameter_with_nul(request)
        if name is None:
            return self.get_response(request)
        if request.path_info.startswith(JSON_API_PREFIXES):
            # Same shape as the API's own errors (Wagtail's BadRequestError).
            message = f"{name[:50]} must not contain NUL characters"
            return JsonResponse({"message": message}, status=400)
        return HttpResponseBadRequest(render_to_string("400.html", request=request))


JSON_API_PREFIXES = ("/api/",)


def _parameter_with_nul(request) -> str | None:
    for key, values in request.GET.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return key.replace("\x00", "")
    return None


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with ``settings.ADMIN_CONTENT_SECURITY_POLICY`` for the admins."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        is_admin = request.path_info.startswith(tuple(settings.ADMIN_URL_PREFIXES))
        if is_admin and not report_only and parts.config is None:
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
        return parts
