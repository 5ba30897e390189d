"""Search settings, read in one place with defaults.

The lead adds these to site/settings/base.py:

    SEARCH_ENGINE = "auto"          # "auto" | "embedded" | "elasticsearch"
    ELASTICSEARCH_URL = env.ELASTICSEARCH_URL
    ELASTICSEARCH_INDEX_PREFIX = env.ELASTICSEARCH_INDEX_PREFIX
"""

from django.conf import settings

#: Caps on attachment text extraction (a hostile or huge PDF must not stall publishing).
PDF_MAX_BYTES = 20 * 1024 * 1024
PDF_MAX_PAGES = 60
ATTACHMENT_MAX_CHARS = 200_000


def _temporary_environment_value(name: str) -> str:
    """TEMPORARY until the lead adds ELASTICSEARCH_* to settings: read the environment directly.

    Delete this function (and its two callers' fallbacks) once settings carry the keys.
    """
    import os

    return os.environ.get(name, "")


def elasticsearch_url() -> str:
    return getattr(settings, "ELASTICSEARCH_URL", "") or _temporary_environment_value(
        "ELASTICSEARCH_URL"
    )


def elasticsearch_index_prefix() -> str:
    return (
        getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "")
        or _temporary_environment_value("ELASTICSEARCH_INDEX_PREFIX")
        or "policylab"
    )


def engine_choice() -> str:
    """ "embedded", or "elasticsearch" when a cluster is configured (unless forced off)."""
    choice = getattr(settings, "SEARCH_ENGINE", "auto")
    if choice == "embedded":
        return "embedded"
    if choice == "elasticsearch" or elasticsearch_url():
        return "elasticsearch" if elasticsearch_url() else "embedded"
    return "embedded"


def elasticsearch_timeout() -> float:
    return float(getattr(settings, "ELASTICSEARCH_TIMEOUT", 5))
