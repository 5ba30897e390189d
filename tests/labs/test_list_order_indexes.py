"""A space's activity and a lab's audit record read their newest page through an index.

At 30x the demo content the space's 1,200 activity entries were sorted on every overview,
activity page and dashboard (0.3 -> 12 ms of SQL); the lab's record likewise on its manage page.
The plan is SQLite's (the embedded default); PostgreSQL gets the same index.
"""

import pytest
from django.db import connection

from labs import selectors
from tests.labs.factories import LabPageFactory

pytestmark = pytest.mark.django_db


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " | ".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plan")
def test_a_space_newest_activity_is_read_in_index_order(world):
    plan = _plan(selectors.space_activity(space=world.space)[:30])
    assert "labs_activity_newest" in plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plan")
def test_a_lab_newest_audit_entries_are_read_in_index_order(home):
    lab = LabPageFactory()
    plan = _plan(lab.audit_entries.select_related("actor", "subject")[:50])
    assert "labs_audit_newest" in plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan
