"""One search index: Wagtail's API search, the admin's searches and the choosers ask the
project's engine (``search.backend``), so every search box agrees with the site search and a
publish is indexed once.

The project's index holds only live public pages; the admin still finds drafts, private pages
and non-page models (by plain database filtering), and only what the caller's queryset admits.
"""

import os

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction

from search import service
from search.engines.embedded import EmbeddedEngine
from tests.factories import PersonFactory
from tests.knowledge.factories import CaseStudyPageFactory, FindingPageFactory
from tests.network.factories import PartnerPageFactory

pytestmark = pytest.mark.django_db

KNOWLEDGE_TYPES = ("case_study", "finding")


def _site_search_ids(text, content_types):
    results = service.search(
        service.normalise_request(text=text, content_types=content_types, per_page=100)
    )
    return [hit.page_id for hit in results.hits]


def _api_ids(client, endpoint, text):
    response = client.get(f"/api/v2/{endpoint}/", {"search": text, "limit": 20})
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


@pytest.fixture
def governance(home):
    institute = PartnerPageFactory(title="Governance Institute of Sindh")
    pages = {
        "title": CaseStudyPageFactory(title="District governance reform"),
        # Found by its stem ("governed"), and by its partner's name: the site search's document
        # carries both, Wagtail's own index neither.
        "stem": CaseStudyPageFactory(
            title="Water boards", summary="Villages governed their own wells."
        ),
        "partner": CaseStudyPageFactory(title="Queue tokens", partners=[institute]),
        "finding": FindingPageFactory(
            title="Clinic hours", abstract="Good governance of clinic rosters."
        ),
        "other": CaseStudyPageFactory(title="School meals", summary="Nothing about the topic."),
        "draft": CaseStudyPageFactory(title="Draft governance plan", live=False),
        "private": CaseStudyPageFactory(title="Private governance memo"),
        "institute": institute,
    }
    PageViewRestriction.objects.create(
        page=pages["private"], restriction_type=PageViewRestriction.LOGIN
    )
    return pages


def test_api_search_returns_what_the_site_search_finds(client, governance, engine_name):
    expected = _site_search_ids("governance", KNOWLEDGE_TYPES)
    assert {governance["title"].pk, governance["stem"].pk, governance["partner"].pk} <= set(
        expected
    )

    assert _api_ids(client, "knowledge", "governance") == expected
    assert _api_ids(client, "partners", "governance") == _site_search_ids(
        "governance", ("partner",)
    )


def test_api_search_pages_through_the_same_ranking(client, governance, engine_name):
    expected = _site_search_ids("governance", KNOWLEDGE_TYPES)

    response = client.get("/api/v2/knowledge/", {"search": "governance", "offset": 1, "limit": 2})

    assert response.status_code == 200, response.content
    assert [item["id"] for item in response.json()["items"]] == expected[1:3]
    assert response.json()["meta"]["total_count"] == len(expected)


def test_api_search_with_a_filter_searches_only_the_filtered_pages(client, governance, engine_name):
    dhaka = CaseStudyPageFactory(title="Ward governance in Dhaka", countries=["BD"])

    response = client.get("/api/v2/knowledge/", {"search": "governance", "country": "BD"})

    assert response.status_code == 200, response.content
    assert [item["id"] for item in response.json()["items"]] == [dhaka.pk]
    assert response.json()["meta"]["total_count"] == 1


def test_api_search_never_returns_drafts_or_private_pages(client, governance, engine_name):
    found = set(_api_ids(client, "knowledge", "governance"))
    found |= set(_api_ids(client, "knowledge", "draft governance plan"))
    found |= set(_api_ids(client, "knowledge", "private memo"))

    assert governance["draft"].pk not in found
    assert governance["private"].pk not in found
    # Signed in (the API authenticates no one, but a session must not widen the answer).
    client.force_login(PersonFactory(moderator=True))
    assert governance["private"].pk not in set(_api_ids(client, "knowledge", "private memo"))


@pytest.mark.parametrize(
    ("language", "title", "query"),
    [
        # Written with a nukta, searched without it (the analysis drops it).
        ("hi", "ज़मीन के रिकॉर्ड का डिजिटलीकरण", "जमीन"),
        # Written with Urdu letters, searched with the Arabic kaf and yeh.
        ("ur", "ضلعی حکومت کی خدمت", "حكومت"),
    ],
)
def test_api_search_in_the_regions_scripts_matches_the_site_search(
    client, home, engine_name, language, title, query
):
    page = CaseStudyPageFactory(
        title=title, locale=Locale.objects.get_or_create(language_code=language)[0]
    )
    CaseStudyPageFactory(title="Land records in English only")

    expected = _site_search_ids(query, KNOWLEDGE_TYPES)
    assert expected == [page.pk]
    assert _api_ids(client, "knowledge", query) == expected


def test_api_search_with_an_order_keeps_the_same_documents(client, governance, engine_name):
    expected = set(_site_search_ids("governance", KNOWLEDGE_TYPES))
    response = client.get("/api/v2/knowledge/", {"search": "governance", "order": "title"})
    assert response.status_code == 200, response.content
    items = response.json()["items"]
    assert {item["id"] for item in items} == expected
    titles = [item["title"] for item in items]
    assert titles == sorted(titles)


def _admin_search(client, query):
    response = client.get("/admin/pages/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_admin_page_search_finds_drafts_private_pages_and_live_ones(client, governance):
    client.force_login(PersonFactory(moderator=True))

    html = _admin_search(client, "governance")

    assert "Draft governance plan" in html
    assert "Private governance memo" in html
    assert "District governance reform" in html


def test_admin_page_search_answers_from_the_project_index(client, home):
    """A live page is found by what the site search finds it by: a stem, a letter variant."""
    if os.environ.get("ELASTICSEARCH_URL"):
        # Known gap, issue 16's note: under Elasticsearch this fails (the search does not see
        # what the worker wrote); the embedded engine's behaviour is what it pins for now.
        pytest.skip("fails under Elasticsearch: open in issue 16")
    CaseStudyPageFactory(
        title="ज़मीन के रिकॉर्ड का डिजिटलीकरण",
        locale=Locale.objects.get_or_create(language_code="hi")[0],
    )
    CaseStudyPageFactory(title="Water boards", summary="Villages governed their own wells.")
    client.force_login(PersonFactory(moderator=True))

    assert "ज़मीन के रिकॉर्ड" in _admin_search(client, "जमीन")
    assert "Water boards" in _admin_search(client, "governance")


def test_page_chooser_finds_a_title_by_its_first_letters_and_drafts(client, governance):
    client.force_login(PersonFactory(moderator=True))

    response = client.get("/admin/choose-page/search/", {"q": "Distr"})
    assert response.status_code == 200
    assert "District governance reform" in response.content.decode()
    response = client.get("/admin/choose-page/search/", {"q": "Draft gov"})
    assert "Draft governance plan" in response.content.decode()


def test_admin_searches_of_other_models_still_work(client, home):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    moderator = PersonFactory(moderator=True, display_name="Moderator")
    moderator.is_superuser = True
    moderator.save()
    client.force_login(moderator)
    document = get_document_model().objects.create(
        title="Annual budget annex", file=ContentFile(b"%PDF-1.4", name="annex.pdf")
    )
    other = get_document_model().objects.create(
        title="Staff rota", file=ContentFile(b"%PDF-1.4", name="rota.pdf")
    )

    html = client.get("/admin/documents/", {"q": "budget"}).content.decode()
    assert document.title in html
    assert other.title not in html


def test_one_publish_writes_one_index_entry(home, monkeypatch):
    from wagtail.search.models import IndexEntry

    written = []
    original = EmbeddedEngine.upsert

    def counting_upsert(self, documents):
        written.extend(d.page_id for d in documents)
        return original(self, documents)

    monkeypatch.setattr(EmbeddedEngine, "upsert", counting_upsert)
    entries_before = IndexEntry.objects.count()

    with CaptureQueriesContext(connection) as queries:
        page = CaseStudyPageFactory(title="Published once")

    assert written.count(page.pk) == 1
    assert IndexEntry.objects.count() == entries_before
    wagtail_index_writes = [
        q["sql"]
        for q in queries.captured_queries
        if "indexentry" in q["sql"].lower() and not q["sql"].lstrip().upper().startswith("SELECT")
    ]
    assert wagtail_index_writes == []
