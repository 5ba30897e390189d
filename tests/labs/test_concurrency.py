"""Racing writes against PostgreSQL: simultaneous posts lose nothing, racing join requests
create exactly one request. SQLite serialises writers, so these only mean something (and
only run) on PostgreSQL: DATABASE_URL=postgres://… pytest -m postgres tests/labs."""

import threading

import pytest
from django.db import connection

from labs import services
from labs.models import JoinRequestStatus, LabJoinRequest, LabMembership, Post
from tests.factories import PersonFactory
from tests.labs.factories import LabPageFactory

pytestmark = pytest.mark.postgres


@pytest.fixture
def postgres_only(transactional_db, django_db_serialized_rollback):
    if connection.vendor != "postgresql":
        pytest.skip("concurrency tests need PostgreSQL (set DATABASE_URL=postgres://…)")


def run_at_once(count: int, work) -> list:
    """Run ``work(i)`` in ``count`` threads released together; return results or exceptions."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def runner(index):
        from django.db import connections

        try:
            barrier.wait(timeout=30)
            results[index] = work(index)
        except Exception as error:  # noqa: BLE001 - collected and asserted on by the test
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_twenty_simultaneous_posts_are_all_kept(postgres_only, home):
    from tests.labs.factories import SpaceWorld

    world = SpaceWorld()
    authors = [world.owner, world.member]
    results = run_at_once(
        20,
        lambda i: (
            services.post_create(
                thread=world.thread, author=authors[i % 2], body=f"Parallel reply {i}"
            ).pk
        ),
    )
    errors = [r for r in results if isinstance(r, Exception)]
    assert not errors, errors
    bodies = set(
        Post.objects.filter(thread=world.thread, body__startswith="Parallel reply").values_list(
            "body", flat=True
        )
    )
    assert bodies == {f"Parallel reply {i}" for i in range(20)}


def test_ten_racing_join_requests_make_exactly_one(postgres_only, home):
    lab = LabPageFactory(title="Racing Lab", lead=PersonFactory(username="race-lead"))
    applicant = PersonFactory(username="applicant")
    results = run_at_once(
        10,
        lambda i: services.lab_join_request_create(lab=lab, user=applicant, message=f"try {i}"),
    )
    created = [r for r in results if isinstance(r, LabJoinRequest)]
    refused = [r for r in results if isinstance(r, services.MembershipError)]
    others = [r for r in results if r not in created and r not in refused]
    assert len(created) == 1
    assert len(refused) == 9
    assert not others, others
    assert LabJoinRequest.objects.filter(lab=lab, user=applicant).count() == 1
    assert LabJoinRequest.objects.get(lab=lab, user=applicant).status == JoinRequestStatus.PENDING
    assert not LabMembership.objects.filter(lab=lab, user=applicant).exists()
