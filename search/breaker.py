"""A circuit breaker for Elasticsearch, shared by every process through the cache.

After Elasticsearch fails (an error or a timeout), nobody asks it again for
``ELASTICSEARCH_COOLDOWN`` seconds: searches answer from the embedded engine at once and writes
are recorded as pending (caught up later), instead of each request waiting for the timeout.
The state lives in Django's cache (Redis in production) so every worker process sees it.
"""

import logging

from django.core.cache import cache

from . import conf

logger = logging.getLogger(__name__)

_OPEN_KEY = "search:elasticsearch:breaker-open"


def elasticsearch_allowed() -> bool:
    """False while the breaker is open (a recent failure, cool-down not over)."""
    try:
        return cache.get(_OPEN_KEY) is None
    except Exception:  # a cache outage must not stop search; ask Elasticsearch then
        logger.exception("search: could not read the Elasticsearch circuit breaker")
        return True


def elasticsearch_failed() -> None:
    """Open the breaker for the cool-down: Elasticsearch did not answer."""
    cooldown = conf.elasticsearch_cooldown()
    try:
        cache.set(_OPEN_KEY, True, cooldown)
    except Exception:
        logger.exception("search: could not open the Elasticsearch circuit breaker")
        return
    logger.warning("search: Elasticsearch failed; not asking it again for %s s", cooldown)
