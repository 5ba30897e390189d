"""Search settings, read from Django settings (site/settings/env.py reads the environment)."""

from django.conf import settings

#: Caps on attachment text extraction (a hostile or huge PDF must not stall publishing).
PDF_MAX_BYTES = 20 * 1024 * 1024
PDF_MAX_PAGES = 60
ATTACHMENT_MAX_CHARS = 200_000


def elasticsearch_url() -> str:
    return getattr(settings, "ELASTICSEARCH_URL", "")


def elasticsearch_index_prefix() -> str:
    return getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "") or "policylab"


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


def elasticsearch_cooldown() -> float:
    """Seconds Elasticsearch is left alone after a failure (see search.breaker)."""
    return float(getattr(settings, "ELASTICSEARCH_COOLDOWN", 30))
