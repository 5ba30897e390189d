"""Answering "busy, try again" when the database cannot take a write right now."""

from django.db.utils import OperationalError
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string

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
    try:
        from psycopg import errors
    except ImportError:  # SQLite-only installs
        return False
    busy = (
        errors.LockNotAvailable,
        errors.QueryCanceled,
        errors.SerializationFailure,
        errors.DeadlockDetected,
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
