"""read_transaction: one snapshot for a read, without SQLite's write lock; writes keep theirs."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from core.models import Country
from core.transactions import read_transaction


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_read_begins_deferred_and_the_next_write_still_begins_immediate():
    if connection.vendor != "sqlite":
        pytest.skip("transaction modes are SQLite's")
    connection.close()  # connecting reads the configured mode again: the helper must survive it
    with CaptureQueriesContext(connection) as queries:
        with read_transaction():
            list(Country.objects.all()[:1])
        with transaction.atomic():
            Country.objects.filter(code="ZZ").delete()
    begins = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("BEGIN")]
    assert begins == ["BEGIN DEFERRED", "BEGIN IMMEDIATE"]
    assert connection.transaction_mode == "IMMEDIATE"


@pytest.mark.django_db
def test_inside_a_callers_transaction_it_is_a_savepoint():
    with read_transaction():
        assert connection.in_atomic_block
        assert Country.objects.count() >= 0
