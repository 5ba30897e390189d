"""Measuring a page's SQL queries, for tests that pin them as content grows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_of(client, url: str, *, status: int = 200) -> int:
    """How many SQL queries ``url`` runs once warm (the first request fills per-process caches:
    the site record, content types, translations)."""
    assert client.get(url).status_code == status, url
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == status, url
    return len(captured)


def grown(measure, grow) -> tuple[int, int]:
    """The query count of ``measure()`` before and after ``grow()`` adds content."""
    before = measure()
    grow()
    return before, measure()
