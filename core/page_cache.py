"""A shared cache of what anonymous readers get, emptied whenever the content changes.

Anonymous GET requests are answered from the ``pages`` cache (Redis when CACHE_URL is set, else
each worker process's memory). Nothing personal gets in:

- A request carrying a session or messages cookie, or an Authorization header, is neither
  answered from the cache nor stored in it, and its response is marked
  ``Cache-Control: private, no-store``: signed-in people never see a cached page and no proxy
  or browser keeps theirs.
- An anonymous response is stored only if it is a plain 200 that sets no cookie, used no CSRF
  token, shows no message, is not marked private or no-cache and varies on nothing but the
  cookies, the types, languages and encodings the reader accepts (all part of the key).

Purging is by generation: the key of every stored page contains a token kept in the
``page-generation`` cache, which all workers share (Redis, or a file on this machine), and any
write that can change what a reader sees (a page published, unpublished, moved
or deleted, a view restriction, a snippet, a translation, a profile, a setting…) replaces the
token, so every stored page is dropped at once. The home page, the knowledge index, the feeds,
the navigation and the footer list content from all over the site, so nearly every change
shows on many cached pages: tracking which URL shows what would be fragile, a new generation
is always right. Writes of things no page shows (sessions, the mail queue, tasks, the search
index, the admin's logs and editing sessions) do not purge.

Each request reads the generation once, before the view runs: a page rendered from data older
than a purge is stored under the old generation, which no later request reads.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import cc_delim_re, patch_cache_control, set_response_etag
from django.utils.http import http_date
from django.utils.translation import get_language
from wagtail.signals import page_published, page_unpublished, post_page_move

PAGE_CACHE_ALIAS = "pages"
GENERATION_CACHE_ALIAS = "page-generation"
# Says whether a response came from the cache ("hit"), was just stored ("miss"), or was kept
# out of it ("private"); the load bench and the tests read it.
PAGE_CACHE_HEADER = "X-Page-Cache"
_GENERATION_KEY = "page-cache:generation"
# Headers a stored response may vary on: each is part of the key.
_KEYED_HEADERS = {"cookie", "accept", "accept-language", "accept-encoding"}
# Models whose writes no reader sees (app label, or app label and model name).
_UNSEEN_APPS = {
    "sessions",
    "mailer",
    "django_tasks",
    "django_tasks_database",
    "admin",
    "wagtailsearch",
    "search",
    "contenttypes",
}
_UNSEEN_MODELS = {
    ("wagtailadmin", "editingsession"),
    ("wagtailcore", "revision"),
    ("wagtailcore", "modellogentry"),
    ("wagtailcore", "pagelogentry"),
    ("wagtailcore", "pagesubscription"),
    ("wagtailcore", "taskstate"),
    ("wagtailcore", "workflowstate"),
    ("wagtailusers", "userprofile"),
    ("account", "emailconfirmation"),
}


#: How long a value of ``cached_until_content_changes`` is kept if no write replaces it first:
#: bounds how stale a clock-dependent figure ("open for proposals") may get, as for pages.
CONTENT_CACHE_SECONDS = 600
#: Writes a reader can see, counted in this process as they happen (the shared generation
#: changes only when they commit): see ``cached_until_content_changes``.
_writes_seen = 0
_MISSING = object()

T = TypeVar("T")


def _cache():
    return caches[PAGE_CACHE_ALIAS]


def page_cache_generation() -> str:
    """The token in every stored page's key; a new one is made if the cache lost it."""
    cache = caches[GENERATION_CACHE_ALIAS]
    generation = cache.get(_GENERATION_KEY)
    if generation is None:
        cache.add(_GENERATION_KEY, secrets.token_hex(8), None)
        generation = cache.get(_GENERATION_KEY) or ""
    return generation


def page_cache_purge() -> None:
    """Drop every stored page at once (the next request of each renders afresh)."""
    caches[GENERATION_CACHE_ALIAS].set(_GENERATION_KEY, secrets.token_hex(8), None)


def page_cache_purge_on_commit() -> None:
    """Purge once the current transaction commits (at once outside a transaction).

    Purging before the commit would let a request read the new generation and the old rows and
    store them. One purge per transaction is enough, however many rows it writes. What this
    process cached with ``cached_until_content_changes`` is dropped at once.
    """
    global _writes_seen
    _writes_seen += 1
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        page_cache_purge()
        return
    if any(entry[1] is page_cache_purge for entry in connection.run_on_commit):
        return
    transaction.on_commit(page_cache_purge)


def _seen_by_readers(sender, update_fields=None) -> bool:
    meta = getattr(sender, "_meta", None)
    if meta is None:
        return True
    if meta.app_label in _UNSEEN_APPS or (meta.app_label, meta.model_name) in _UNSEEN_MODELS:
        return False
    # Signing in stamps last_login on the user: nothing a page shows.
    return not (update_fields and set(update_fields) <= {"last_login"})


def _purge_after_write(sender, update_fields=None, **kwargs) -> None:
    if _seen_by_readers(sender, update_fields):
        page_cache_purge_on_commit()


def _purge_after_page_change(sender, **kwargs) -> None:
    page_cache_purge_on_commit()


def content_stamp() -> tuple[str, int]:
    """What changes whenever content a reader can see changes (see
    ``cached_until_content_changes``): for values kept in a process's memory as they are."""
    return page_cache_generation(), _writes_seen


def cached_until_content_changes(
    name: str, build: Callable[[], T], *, seconds_valid: Callable[[T], float] | None = None
) -> T:
    """``build()``, computed once per generation of the content and language, not per request.

    For what every reader sees alike and what costs queries in proportion to the content (the
    network's headline counts, the newest items, facet labels): it is kept in the ``default``
    cache under the same generation as the stored pages, so any write a reader can see makes
    the next request compute it afresh (in every worker once the write commits; in the
    writing process at once, before the commit). Only public data built without the request
    (no user, no session) may be cached this way; it is shared by everyone, signed in or not.
    The generation is read before ``build`` runs, so a value built from rows older than a
    purge is stored under the old generation, which nobody reads again.

    ``seconds_valid(value)``, when given, shortens the keeping to when the value goes stale
    with the clock alone (the next deadline of a challenge), so it is never read past then.
    """
    parts = (name, *content_stamp(), get_language())
    key = "content:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    cache = caches["default"]
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        seconds = CONTENT_CACHE_SECONDS
        if seconds_valid is not None:
            seconds = max(0, min(seconds, int(seconds_valid(value))))
        if seconds:
            cache.set(key, value, seconds)
    return value


def connect() -> None:
    """Purge after every write a reader can see (called once, from CoreConfig.ready)."""
    uid = "core.page_cache"
    post_save.connect(_purge_after_write, dispatch_uid=f"{uid}.save")
    post_delete.connect(_purge_after_write, dispatch_uid=f"{uid}.delete")
    m2m_changed.connect(_purge_after_write, dispatch_uid=f"{uid}.m2m")
    # Moving a page rewrites its descendants' paths with UPDATE queries (no post_save).
    post_page_move.connect(_purge_after_page_change, dispatch_uid=f"{uid}.move")
    page_published.connect(_purge_after_page_change, dispatch_uid=f"{uid}.publish")
    page_unpublished.connect(_purge_after_page_change, dispatch_uid=f"{uid}.unpublish")


def _personal(request) -> bool:
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or _MESSAGES_COOKIE in cookies
        or "HTTP_AUTHORIZATION" in request.META
    )


_MESSAGES_COOKIE = "messages"


def _readable(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.path_info.startswith(tuple(settings.ADMIN_URL_PREFIXES))
        and not _personal(request)
    )


def _key(request, generation: str) -> str:
    # The CSRF cookie is left out: a response that used the token is never stored.
    cookies = sorted(
        (name, value)
        for name, value in request.COOKIES.items()
        if name != settings.CSRF_COOKIE_NAME
    )
    meta = request.META
    parts = [
        generation,
        request.build_absolute_uri(),
        repr(cookies),
        meta.get("HTTP_ACCEPT", ""),
        meta.get("HTTP_ACCEPT_LANGUAGE", ""),
        "gzip" if "gzip" in meta.get("HTTP_ACCEPT_ENCODING", "") else "",
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"page:{digest}"


def _storable(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and len(messages):
        return False
    if _signed_in(request):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {header.strip().lower() for header in cc_delim_re.split(response.get("Vary", ""))}
    if not vary - {""} <= _KEYED_HEADERS:
        return False
    # Last line of defence: a form's token that reached the page some other way.
    return b"csrfmiddlewaretoken" not in response.content


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def _keep_private(response) -> None:
    patch_cache_control(response, private=True, no_store=True)
    response[PAGE_CACHE_HEADER] = "private"


class PageCacheMiddleware:
    """Answer anonymous reads from the ``pages`` cache; see the module's docstring.

    Sits outside the compression, session, CSRF and authentication middleware, so a hit costs
    two cache reads (the generation, then the page) and no query, and a stored page carries the headers those added.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _readable(request):
            response = self.get_response(request)
            if _personal(request) or _signed_in(request):
                _keep_private(response)
            return response
        timeout = settings.PAGE_CACHE_SECONDS
        cache = _cache()
        key = _key(request, page_cache_generation()) if timeout else ""
        if key:
            cached = cache.get(key)
            if cached is not None:
                cached[PAGE_CACHE_HEADER] = "hit"
                return cached
        response = self.get_response(request)
        if not _storable(request, response):
            if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
                _keep_private(response)
            return response
        if not response.has_header("Cache-Control"):
            # Anyone may keep it, but must ask again before reusing it: a purge here reaches
            # browsers and proxies on their next request (answered 304 if nothing changed).
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(time.time())
        if not response.has_header("ETag"):
            set_response_etag(response)
        if key:
            cache.set(key, response, timeout)
            response[PAGE_CACHE_HEADER] = "miss"
        return response
