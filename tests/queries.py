"""Counting the SQL a page costs, for tests that pin "the same work whatever the content"."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for_page(client, url: str) -> int:
    """The number of queries a GET of ``url`` runs once caches are warm (asserts a 200)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def query_log(client, url: str) -> list[str]:
    """The SQL of a warm GET of ``url``, for a failing assertion's message."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return [query["sql"] for query in queries]
