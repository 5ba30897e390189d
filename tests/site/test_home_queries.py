"""The home page runs the same number of SQL queries whatever the amount of content."""

import pytest

from tests.knowledge.factories import CaseStudyPageFactory
from tests.queries import queries_of

pytestmark = pytest.mark.django_db


def test_home_page_queries_do_not_grow_with_the_content(client, home):
    for n in range(3):
        CaseStudyPageFactory(title=f"Case {n}", countries=["PK", "IN"], themes=["service-delivery"])
    small = queries_of(client, "/")
    for n in range(3, 30):
        CaseStudyPageFactory(title=f"Case {n}", countries=["BD"], themes=["digital-government"])
    assert queries_of(client, "/") == small
