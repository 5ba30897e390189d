"""Local development: debug on, console email, a fixed non-secret key."""

from . import env
from .base import *  # noqa: F403

DEBUG = env.DEBUG if env.DEBUG else True
SECRET_KEY = env.SECRET_KEY or "dev-only-insecure-key-change-me"  # noqa: S105
ALLOWED_HOSTS = env.ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
