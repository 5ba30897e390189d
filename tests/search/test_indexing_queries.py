"""Bulk indexing reads each page's language without a query per page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.documents import document_batches
from tests.search.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_a_rebuild_reads_the_locales_once_not_once_per_page(home):
    pages = [StandardPageFactory(parent=home, title=f"Ward budget {n}") for n in range(6)]

    with CaptureQueriesContext(connection) as queries:
        batches = list(document_batches())

    documents = [d for batch, _ in batches for d in batch]
    assert {d.page_id for d in documents} >= {p.pk for p in pages}
    assert all(d.language == "en" for d in documents)
    locale_queries = [q for q in queries.captured_queries if "wagtailcore_locale" in q["sql"]]
    assert len(locale_queries) <= 1
