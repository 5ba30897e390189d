"""The home page's network-wide sections (headline counts, uptake, newest knowledge, featured
challenges and labs) are computed once per content generation, not per request, and a write a
reader can see shows on the next request."""

import pytest

from tests.knowledge.factories import CaseStudyPageFactory
from tests.queries import query_log
from tests.search.factories import PageViewRestrictionFactory

pytestmark = pytest.mark.django_db

#: Tables only the home page's network-wide sections read.
SECTION_TABLES = (
    "knowledge_casestudypage",
    "challenges_challengepage",
    "challenges_agencyresponse",
    "labs_labpage",
    "network_partnerpage",
)


def test_a_warm_home_page_does_not_recount_the_network(client, home):
    for n in range(3):
        CaseStudyPageFactory(title=f"Case {n}", countries=["PK"])
    reads = [sql for sql in query_log(client, "/") if any(t in sql for t in SECTION_TABLES)]
    assert reads == []


def test_a_new_case_study_shows_on_the_next_request(client, home):
    CaseStudyPageFactory(title="Older case", countries=["PK"])
    before = client.get("/").content.decode()
    assert "Older case" in before
    CaseStudyPageFactory(title="Newest case", countries=["BD"])
    after = client.get("/").content.decode()
    assert "Newest case" in after


def test_a_restricted_case_study_seen_by_a_member_never_reaches_readers(
    client, home, django_user_model
):
    private = CaseStudyPageFactory(title="Members-only pilot results", countries=["PK"])
    PageViewRestrictionFactory(page=private)
    member = django_user_model.objects.create_user(username="member", password="x")
    client.force_login(member)
    client.get("/")
    client.logout()
    assert "Members-only pilot results" not in client.get("/").content.decode()
