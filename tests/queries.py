"""Measuring a page's SQL queries, for tests that pin them as content grows."""

from django.core.cache import cache
from django.db import connection


def query_log(client, url: str, *, status: int = 200, first_reader: bool = False) -> list[str]:
    """The SQL ``url`` runs once warm (the first request fills per-process caches: the site
    record, content types, translations).

    Recorded by an execute wrapper rather than ``CaptureQueriesContext``, whose count reads 0
    once Django's query log (9,000 entries) is full, as it can be after growing the content.
    """
    assert client.get(url).status_code == status, url
    if first_reader:
        # Nothing computed once per change of the content is cached yet.
        cache.clear()
    executed = []

    def record(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == status, url
    assert executed, f"{url} ran no query: not measured"
    return executed


def queries_of(client, url: str, *, status: int = 200) -> int:
    """How many SQL queries ``url`` runs once warm (see ``query_log``)."""
    return len(query_log(client, url, status=status))


def queries_of_first_reader(client, url: str) -> int:
    """How many SQL queries ``url`` runs for the first reader after a change of the content:
    per-process caches warm, nothing it computes once per content change cached yet."""
    return len(query_log(client, url, first_reader=True))
