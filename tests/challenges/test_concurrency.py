"""Racing selections against PostgreSQL: several simultaneous clicks on "Select" create one
project space. SQLite serialises writers, so this only runs on PostgreSQL:
DATABASE_URL=postgres://… pytest -m postgres tests/challenges."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from challenges import services
from labs.models import ProjectSpace
from tests.challenges.factories import ChallengePageFactory, ProposalFactory
from tests.factories import PersonFactory
from tests.labs.factories import LabPageFactory

pytestmark = pytest.mark.postgres


@pytest.fixture
def postgres_only(transactional_db, django_db_serialized_rollback):
    if connection.vendor != "postgresql":
        pytest.skip("concurrency tests need PostgreSQL (set DATABASE_URL=postgres://…)")


def test_racing_selections_create_one_space(postgres_only, home):
    from tests.labs.test_concurrency import run_at_once

    owner = PersonFactory(policymaker=True)
    challenge = ChallengePageFactory(owners=[owner], closes=timezone.now() - timedelta(hours=1))
    proposal = ProposalFactory(challenge=challenge, lab=LabPageFactory(title="Race Lab"))
    results = run_at_once(
        8, lambda i: services.proposal_select(proposal=proposal, selected_by=owner).pk
    )
    errors = [r for r in results if isinstance(r, Exception)]
    assert not errors, errors
    assert len(set(results)) == 1
    assert ProjectSpace.objects.count() == 1
