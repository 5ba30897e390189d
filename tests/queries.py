"""Counting the SQL a page costs, for tests that pin "the same work whatever the content"."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def _captured(client, url: str) -> list[dict]:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    # A copy: the context reads the connection's log, which the next request empties.
    captured = list(queries.captured_queries)
    assert captured, url
    return captured


def queries_for_page(client, url: str) -> int:
    """The number of queries a GET of ``url`` runs once caches are warm (asserts a 200)."""
    return len(_captured(client, url))


def query_log(client, url: str) -> list[str]:
    """The SQL of a warm GET of ``url``."""
    return [query["sql"] for query in _captured(client, url)]
