"""Hostile query values on /knowledge/ (the place facet issue 18 added among them): a sensible
page, never a 500, nothing echoed unescaped."""

import pytest

from tests.hostile import HOSTILE_QUERIES, assert_sensible, with_nul
from tests.knowledge.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("name", "query"), HOSTILE_QUERIES, ids=[n for n, _q in HOSTILE_QUERIES])
def test_hostile_values_get_a_sensible_page(client, home, gazetteer, name, query):
    CaseStudyPageFactory(title="Lahore water", places=[gazetteer("PK-PB-LAHORE")])
    assert_sensible(client.get("/knowledge/", query), allowed=(400,) if with_nul(query) else (200,))
