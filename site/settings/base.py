"""Settings shared by every environment. Values that vary come from ``env``."""

import hashlib
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured

from . import env

BASE_DIR = env.BASE_DIR
# The folder of the policylab_site package, wherever it is installed (editable or not).
PROJECT_DIR = Path(__file__).resolve().parent.parent


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


SECRET_KEY = env.SECRET_KEY
DEBUG = env.DEBUG
ALLOWED_HOSTS = env.ALLOWED_HOSTS
CSRF_TRUSTED_ORIGINS = env.CSRF_TRUSTED_ORIGINS
SITE_URL = env.SITE_URL.rstrip("/")

INSTALLED_APPS = [
    # Project apps, highest layer first (see README "Layout").
    "policylab_site",
    "search",
    "challenges",
    "labs",
    "knowledge",
    "network",
    "core",
    # Translations of pages: the editor's "Translate" action and its translation editor.
    "wagtail_localize",
    "wagtail_localize.locales",
    # The admin's place chooser (core.wagtail_hooks mounts its search for places only).
    "wagtailautocomplete",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    # Background work (emails, Elasticsearch writes, re-indexing, digests): django-tasks, its
    # database queue (the failed tasks listed in the Django admin) and, when configured, RQ.
    "django_tasks",
    "django_tasks_db",
    *(["django_rq"] if env.TASK_QUEUE_URL else []),
    # Accounts
    "allauth",
    "allauth.account",
    "csp",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # 304 for a page whose ETag or Last-Modified the browser already has, cached or not.
    "django.middleware.http.ConditionalGetMiddleware",
    # Anonymous pages from the shared cache (core.page_cache); before compression, so the
    # compressed page is what gets stored, and before sessions, so a hit touches no database.
    "core.page_cache.PageCacheMiddleware",
    "core.middleware.CompressionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "core.middleware.RefuseNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.LanguageRedirectMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.DatabaseBusyMiddleware",
    "core.middleware.ReaderTimeZoneMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "core.admin_scope.AdminScopeMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "policylab_site.urls"
WSGI_APPLICATION = "policylab_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "policylab_site.context_processors.site_navigation",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(env.DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + a busy timeout let the dev server and a management command write side by side.
    # IMMEDIATE: a write transaction takes the lock at BEGIN, where the busy timeout applies;
    # a DEFERRED one that read first would fail at once on the upgrade. Reads that need one
    # snapshot use core.transactions.read_transaction, which begins DEFERRED (no write lock).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL;",
    }

if env.CACHE_URL:
    _redis = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": env.CACHE_URL}
    CACHES = {
        "default": _redis,
        "pages": {**_redis, "KEY_PREFIX": "pages"},
        "page-generation": {**_redis, "KEY_PREFIX": "pages"},
    }
else:
    # Each worker process keeps its own pages, but the generation that every page key holds
    # (core.page_cache) must be one for all of them, or a purge seen by one worker would leave
    # the others serving the old page: a file on this machine, one folder per database.
    _database_digest = hashlib.sha256(env.DATABASE_URL.encode()).hexdigest()[:12]
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        },
        "page-generation": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(Path(tempfile.gettempdir()) / f"policylab-pages-{_database_digest}"),
        },
    }
# How long an anonymous page stays in the cache if nothing purges it first (0: no page cache).
PAGE_CACHE_SECONDS = env.PAGE_CACHE_SECONDS

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
WAGTAILADMIN_LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:dashboard"

# django-allauth: email is the identity; it must be verified before the first login.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Policy Lab Commons] "
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
    # Not allauth's: the contact page (policylab_site.ContactPage) uses the same limiter.
    "contact_message": "5/h/ip",
    # Not allauth's either: the Markdown editors' Preview tab (core.views.markdown_preview).
    "markdown_preview": "60/m/user",
}
ACCOUNT_FORMS = {"signup": "core.forms.SignupForm"}
ACCOUNT_ADAPTER = "core.adapters.AccountAdapter"

LANGUAGE_CODE = "en"
# Each language is named in its own script: the switcher shows these names as they are.
LANGUAGES = [
    ("en", "English"),
    ("ur", "اردو"),
    ("bn", "বাংলা"),
    ("hi", "हिन्दी"),
    ("ne", "नेपाली"),
    ("si", "සිංහල"),
    ("ta", "தமிழ்"),
]
LANGUAGES_BIDI = ["ur"]
TIME_ZONE = "Asia/Karachi"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Day-month-year, 24-hour times and lakh grouping per language (core/formats).
FORMAT_MODULE_PATH = ["core.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = env.STATIC_ROOT
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.MEDIA_ROOT
# Files of private project spaces live here, outside MEDIA_ROOT and never under a URL.
PRIVATE_MEDIA_ROOT = env.PRIVATE_MEDIA_ROOT

if env.AWS_STORAGE_BUCKET_NAME:
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.AWS_S3_ENDPOINT_URL or None,
            "region_name": env.AWS_S3_REGION_NAME or None,
            "access_key": env.AWS_ACCESS_KEY_ID or None,
            "secret_key": env.AWS_SECRET_ACCESS_KEY or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    # Public media as configured above, except ``private/…`` names (documents of restricted
    # collections), which stay under PRIVATE_MEDIA_ROOT with no URL (core.storage).
    "default": {"BACKEND": "core.storage.MediaStorage", "OPTIONS": {"public": _media_storage}},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Content-Security-Policy (django-csp): the public site runs only its own static scripts and
# stylesheets; no inline script, event handler or style attribute. Media may live in object storage.
_media_origins = []
if env.AWS_STORAGE_BUCKET_NAME:
    _media_origins = [_origin(env.AWS_S3_ENDPOINT_URL) or "https://*.amazonaws.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_media_origins],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# The Wagtail and Django admins still rely on inline scripts and styles, embed previews of the
# page being edited and show Gravatar avatars: they get their own, looser policy.
ADMIN_URL_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "www.gravatar.com", *_media_origins],
    "frame-src": ["'self'", "https:"],
    # The dashboard asks releases.wagtail.org whether a newer Wagtail exists.
    "connect-src": ["'self'", "https://releases.wagtail.org"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

_email = dj_email_url.parse(env.EMAIL_URL)
if "EMAIL_BACKEND" not in _email:
    # An unknown scheme would otherwise fall back to printing mail instead of sending it.
    raise ImproperlyConfigured(
        f"EMAIL_URL has a scheme dj-email-url does not know: {env.EMAIL_URL.split(':')[0]!r}. "
        "Use smtp://, smtps://, submission:// (SMTP with STARTTLS), console:// or file://."
    )
# Every email (ours, allauth's, Wagtail's) leaves the request: the backend below queues it as a
# background task once the transaction commits (core.emails), and the worker sends each batch
# over one connection with the transport EMAIL_URL names, retrying what the server refused.
EMAIL_BACKEND = "core.emails.TaskQueueEmailBackend"
EMAIL_TRANSPORT_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
if _email.get("EMAIL_FILE_PATH"):
    EMAIL_FILE_PATH = _email["EMAIL_FILE_PATH"]
DEFAULT_FROM_EMAIL = env.DEFAULT_FROM_EMAIL
SERVER_EMAIL = env.DEFAULT_FROM_EMAIL

# Background tasks wait in the database for `manage.py db_worker` (started by `make run`), so
# nothing is lost while the worker is stopped; TASK_QUEUE_URL moves them to RQ on Redis.
if env.TASK_QUEUE_URL:
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": env.TASK_QUEUE_URL}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Wagtail
WAGTAIL_SITE_NAME = "Policy Lab Commons"
WAGTAILADMIN_BASE_URL = SITE_URL
# Pages are translated too: one Wagtail locale per interface language (site migration
# 0003_one_locale_per_language), each page linked to its translations (wagtail-localize).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# One index: Wagtail's API search, admin search and choosers ask the project's engine
# (search.backend, docs/search.md); its own signals keep the index, so Wagtail's write nothing.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend", "AUTO_UPDATE": False}}
SEARCH_ENGINE = env.SEARCH_ENGINE
ELASTICSEARCH_URL = env.ELASTICSEARCH_URL
ELASTICSEARCH_INDEX_PREFIX = env.ELASTICSEARCH_INDEX_PREFIX
ELASTICSEARCH_TIMEOUT = env.ELASTICSEARCH_TIMEOUT
ELASTICSEARCH_COOLDOWN = env.ELASTICSEARCH_COOLDOWN
# The admin's place chooser (wagtail-autocomplete) searches these models only; any other model
# label answers 400, so no one with admin access can list private rows through it.
WAGTAILAUTOCOMPLETE_ALLOW_PUBLIC_MODELS = {"core.Place": ["core.admin_scope.every_place"]}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Every document is served by core.views.document_serve (permission check, inert download),
# never by a direct media URL; uploads in the admin pass the product's upload policy.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.document_forms.DocumentForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILAPI_BASE_URL = SITE_URL
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True

REST_FRAMEWORK = {
    # The API is read-only and public: it takes no passwords (HTTP Basic would be an
    # unthrottled sign-in) and answers everyone alike.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "policylab": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # One line per background task at INFO is noise in production logs.
        "django_tasks": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
