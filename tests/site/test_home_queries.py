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


def test_home_page_cards_carry_their_translations(home, django_assert_num_queries):
    # A card in another language than the reader's links to the reader's version: each looked
    # its translations up alone (two queries a card: six on the demo home page, none at 30x).
    from challenges.selectors import featured_open_challenges
    from core.languages import page_published_translations
    from knowledge.selectors import latest_knowledge
    from tests.challenges.factories import ChallengePageFactory

    for n in range(4):
        CaseStudyPageFactory(title=f"Case {n}", countries=["PK"], themes=["service-delivery"])
        ChallengePageFactory(title=f"Challenge {n}")

    cards = latest_knowledge() + featured_open_challenges()
    assert len(cards) >= 5
    with django_assert_num_queries(0):
        for card in cards:
            page_published_translations(card)
