"""The knowledge index's page of cards, its result count and its filter links are the same for
every reader of the same filters, sort, page and language: rendered once per change of the
content, not per request, fresh after a publish or an unpublish, and never holding anything
of the person who happened to render them first."""

import pytest

from tests.factories import PersonFactory
from tests.knowledge.factories import CaseStudyPageFactory, FindingPageFactory
from tests.queries import query_log
from tests.search.factories import PageViewRestrictionFactory

pytestmark = pytest.mark.django_db

#: Tables only the cards and the result count read (the specific pages and their countries).
CARD_TABLES = ("knowledge_casestudypage", "knowledge_findingpage", "core_country")


def _publish(count: int) -> None:
    for n in range(count):
        factory = FindingPageFactory if n % 3 == 2 else CaseStudyPageFactory
        factory(title=f"Item {n:02}", countries=["PK", "BD"], themes=["service-delivery"])


@pytest.mark.parametrize(
    "url", ["/knowledge/", "/knowledge/?page=2", "/knowledge/?sort=title&type=finding"]
)
def test_a_warm_knowledge_index_does_not_read_its_cards_again(client, home, url):
    _publish(14)
    reads = [sql for sql in query_log(client, url) if any(t in sql for t in CARD_TABLES)]
    assert reads == []


def test_a_published_case_study_shows_on_the_next_request(client, home):
    _publish(2)
    assert "Mobile birth registration" not in client.get("/knowledge/").content.decode()
    CaseStudyPageFactory(title="Mobile birth registration", countries=["NP"])
    page = client.get("/knowledge/").content.decode()
    assert "Mobile birth registration" in page
    assert "3 results" in page


def test_an_unpublished_case_study_leaves_the_cards_on_the_next_request(client, home):
    _publish(2)
    gone = CaseStudyPageFactory(title="Mobile birth registration", countries=["NP"])
    assert "Mobile birth registration" in client.get("/knowledge/").content.decode()
    gone.unpublish()
    page = client.get("/knowledge/").content.decode()
    assert "Mobile birth registration" not in page
    assert "2 results" in page


def test_a_retitled_case_study_shows_its_new_title_on_the_next_request(client, home):
    page = CaseStudyPageFactory(title="Mobile birth registration", countries=["NP"])
    assert "Mobile birth registration" in client.get("/knowledge/").content.decode()
    page.title = "Birth registration by SMS"
    page.save_revision().publish()
    assert "Birth registration by SMS" in client.get("/knowledge/").content.decode()


def test_what_a_signed_in_reader_rendered_first_never_reaches_anonymous_readers(client, home):
    _publish(2)
    private = CaseStudyPageFactory(title="Members-only pilot results", countries=["PK"])
    PageViewRestrictionFactory(page=private)
    partner = PersonFactory(username="rep-nadia", first_name="Nadia", partner=True)
    client.force_login(partner)
    signed_in = client.get("/knowledge/?country=PK").content.decode()
    assert "Submit a case study" in signed_in
    client.logout()

    anonymous = client.get("/knowledge/?country=PK").content.decode()
    assert "Item 00" in anonymous
    assert "Members-only pilot results" not in anonymous
    assert "Submit a case study" not in anonymous
    assert "Nadia" not in anonymous
    assert "rep-nadia" not in anonymous
    assert "Log in to submit a case study" in anonymous


def test_each_interface_language_gets_its_own_cards(client, home):
    CaseStudyPageFactory(title="Mobile birth registration", slug="mobile-birth", countries=["NP"])
    assert 'href="/knowledge/mobile-birth/"' in client.get("/knowledge/").content.decode()
    urdu = client.get("/ur/knowledge/").content.decode()
    assert 'href="/ur/knowledge/mobile-birth/"' in urdu
