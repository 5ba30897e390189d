"""Test runs: fast hashing, in-memory email, plain static storage."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
EMAIL_TRANSPORT_BACKEND = EMAIL_BACKEND
# Background tasks run at once, where they are enqueued, so tests assert on their outcome; the
# tests of the queue itself switch to the database backend (tests/core/test_background.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Each test gets its own rate-limit counters.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    "page-generation": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "page-generation",
    },
}
# Tests run inside a transaction that never commits, so no purge would run: the page cache is
# off unless a test turns it on (tests/core/test_page_cache.py).
PAGE_CACHE_SECONDS = 0
WHITENOISE_AUTOREFRESH = True
# Addresses in pages and emails use the test client's host, so tests can follow them.
SITE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILAPI_BASE_URL = SITE_URL
