"""Every environment variable the project reads, in one place.

Settings modules import from here; nothing else touches ``os.environ``.
Each variable is listed, with an example, in ``.env.example``.
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = _bool("DEBUG", False)
ALLOWED_HOSTS = _list("ALLOWED_HOSTS", [])
CSRF_TRUSTED_ORIGINS = _list("CSRF_TRUSTED_ORIGINS", [])
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
# REDIS_URL is accepted as an alias because most hosting platforms export that name.
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", "")
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS") or 600)
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "policylab")
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT") or 5)
ELASTICSEARCH_COOLDOWN = float(os.environ.get("ELASTICSEARCH_COOLDOWN") or 30)
# "auto" uses Elasticsearch when ELASTICSEARCH_URL is set, else the database engine.
SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE", "auto")
# Where background tasks wait: empty = the database (worker: `manage.py db_worker`);
# redis://… = RQ on that Redis (worker: `manage.py rqworker default --with-scheduler`).
TASK_QUEUE_URL = os.environ.get("TASK_QUEUE_URL", "")
EMAIL_URL = os.environ.get("EMAIL_URL", "console://")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Policy Lab Commons <noreply@policylab.example>"
)
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media"))
PRIVATE_MEDIA_ROOT = os.environ.get("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media"))
STATIC_ROOT = os.environ.get("STATIC_ROOT", str(BASE_DIR / "staticfiles"))
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# Object storage for media (S3-compatible). Empty means local files under MEDIA_ROOT.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL", "")
AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME", "")
AWS_ACCESS_KEY_ID = os.environ.get("AWS_ACCESS_KEY_ID", "")
AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY", "")
SECURE_SSL_REDIRECT = _bool("SECURE_SSL_REDIRECT", True)
