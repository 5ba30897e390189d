"""Request guards that hold for every view: bad query strings, CSP, a busy database, language."""

from __future__ import annotations

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db.utils import OperationalError
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    JsonResponse,
)
from django.middleware.csrf import get_token
from django.middleware.gzip import GZipMiddleware
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from psycopg import errors as psycopg_errors

from .languages import language_preferred, path_in_language
from .time_zones import reader_time_zone


class RefuseNulMiddleware:
    """Answer 404 to a path and 400 to a query string carrying a NUL character, before any view
    reads them.

    No address of the site needs one, and PostgreSQL refuses NUL in any text it is given, so a
    filter such as ``?country=%00`` or a place path such as ``/places/pk%00/`` would otherwise
    reach the database and answer 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            raise Http404
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


# What the browser and crawlers are told to wait before sending again.
RETRY_AFTER_SECONDS = 5
# SQLite: another connection holds the write lock longer than the busy timeout.
_SQLITE_BUSY_MESSAGES = ("database is locked", "database table is locked")


def database_busy(error: BaseException) -> bool:
    """True when ``error`` means "the database is busy", not that something is broken.

    SQLite says so in the message; on PostgreSQL, Django wraps the psycopg error, which says
    whether a lock could not be had in time (lock_timeout), the statement was cancelled
    (statement_timeout), or a serializable transaction lost a race.
    """
    if not isinstance(error, OperationalError):
        return False
    if any(message in str(error) for message in _SQLITE_BUSY_MESSAGES):
        return True
    busy = (
        psycopg_errors.LockNotAvailable,
        psycopg_errors.QueryCanceled,
        psycopg_errors.SerializationFailure,
        psycopg_errors.DeadlockDetected,
    )
    return isinstance(error.__cause__, busy)


def _typed_fields(request) -> list[tuple[str, str]]:
    return [
        (name, value)
        for name, values in request.POST.lists()
        if name != "csrfmiddlewaretoken"
        for value in values
    ]


class DatabaseBusyMiddleware:
    """A 503 with Retry-After instead of a 500 when the database is busy.

    For a form, the page carries everything that was sent (as hidden fields, with a fresh CSRF
    token) and a "Try again" button, so nothing typed is lost. Files cannot be carried over;
    the page says so. The page is rendered without the database (which is busy).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not database_busy(exception):
            return None
        is_form = request.method == "POST"
        html = render_to_string(
            "core/database_busy.html",
            {
                "is_form": is_form,
                "action": request.get_full_path(),
                "fields": _typed_fields(request) if is_form else [],
                "had_files": is_form and bool(request.FILES),
                "csrf_token": get_token(request) if is_form else "",
                "retry_after": RETRY_AFTER_SECONDS,
            },
        )
        response = HttpResponse(html, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


class ReaderTimeZoneMiddleware:
    """Show every time on the reader's clock (core.time_zones.reader_time_zone).

    After AuthenticationMiddleware: a signed-in person's profile zone (or their country's)
    comes first, then the zone their browser reported, then the site's TIME_ZONE. Not in the
    admins: their date inputs name no zone, so they stay on the site's clock unless an editor
    picks a zone in Wagtail's own account settings (which Wagtail then activates).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            is_admin = request.path_info.startswith(tuple(settings.ADMIN_URL_PREFIXES))
            zone = None if is_admin else reader_time_zone(request)
        except OperationalError:  # a busy database: the view answers 503 (DatabaseBusy…)
            zone = None
        if zone is None:
            timezone.deactivate()
        else:
            timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class LanguageRedirectMiddleware:
    """Send a bare address to the reader's language: ``/knowledge/`` → ``/ur/knowledge/``.

    Django's LocaleMiddleware serves every unprefixed address in the default language; this
    one, placed after it and after authentication, redirects reads of such an address when the
    reader prefers another language (``core.languages.language_preferred``). Choosing English
    in the switcher sets the cookie, so English readers are never sent back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        unprefixed = translation.get_language_from_path(request.path_info) is None
        if unprefixed and request.method in ("GET", "HEAD"):
            preferred = language_preferred(request)
            target = (
                path_in_language(request.path_info, preferred)
                if preferred != settings.LANGUAGE_CODE
                else None
            )
            if target is not None:
                query = request.META.get("QUERY_STRING", "")
                response = HttpResponseRedirect(f"{target}?{query}" if query else target)
                patch_vary_headers(response, ("Accept-Language", "Cookie"))
                return response
        response = self.get_response(request)
        if unprefixed:
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response


# Text worth compressing; everything else (documents, images) is already compressed or streamed.
_COMPRESSIBLE_TYPES = ("text/", "application/json", "application/xml", "application/javascript")
# Requests a browser made from a page of this site, or because its user typed the address.
_FIRST_PARTY_FETCHES = ("same-origin", "none")


class CompressionMiddleware(GZipMiddleware):
    """Django's GZipMiddleware for text, minding BREACH.

    BREACH recovers a secret from the compressed size of many responses that also reflect
    input an attacker chose. Anonymous responses hold no secret but the CSRF token, which
    Django masks afresh in every response, and GZipMiddleware pads each with random bytes
    (Django's documented mitigations), so they are compressed. A signed-in person's page can
    hold private content: it is compressed only when the browser says the request came from
    this site or from the address bar (``Sec-Fetch-Site``), never for a request another site
    could have made the browser send, and never when the browser does not say.
    """

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "")
        if response.streaming or not (
            content_type.startswith(_COMPRESSIBLE_TYPES) or "+xml" in content_type
        ):
            return response
        signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES
        if signed_in and request.META.get("HTTP_SEC_FETCH_SITE") not in _FIRST_PARTY_FETCHES:
            return response
        return super().process_response(request, response)
