"""The search page as a visitor sees it."""

import pytest

from tests.search.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home, engine_name):
    return [
        StandardPageFactory(
            parent=home, title=f"Local government finance {n}", summary="Budgets of districts."
        )
        for n in range(23)
    ] + [
        StandardPageFactory(
            parent=home, title="Tax <b>reform</b> & citizens", summary="Broadening the base."
        )
    ]


def test_empty_search_page_invites_a_query(client, home):
    response = client.get("/search/")
    assert response.status_code == 200
    assert "What are you looking for?" in response.content.decode()


def test_results_counts_facets_and_pagination(client, pages):
    html = client.get("/search/", {"q": "finance"}).content.decode()
    assert "23 results" in html
    assert 'class="facet__count">23<' in html
    assert "Page 1 of 2" in html
    second = client.get("/search/", {"q": "finance", "page": 2}).content.decode()
    assert second.count('class="card search-result"') == 3
    assert client.get("/search/", {"q": "finance", "page": "abc"}).status_code == 200


def test_result_titles_are_escaped_and_highlighted(client, pages):
    html = client.get("/search/", {"q": "reform"}).content.decode()
    assert "Tax &lt;b&gt;<mark>reform</mark>&lt;" in html
    assert "<b>reform" not in html


def test_no_results_help(client, pages):
    html = client.get("/search/", {"q": "financ budgetz"}).content.decode()
    assert "No results" in html


def test_facet_links_toggle_filters(client, pages):
    html = client.get("/search/", {"q": "finance", "content_type": "page"}).content.decode()
    assert 'aria-current="true"' in html
    assert "Clear all filters" in html


def test_autocomplete_json(client, pages):
    data = client.get("/search/autocomplete/", {"q": "tax ref"}).json()
    assert data["results"] == [
        {"title": "Tax <b>reform</b> & citizens", "url": "/tax-breformb-citizens/", "type": "Page"}
    ]


def test_a_skip_link_before_the_filters_leads_to_the_results(client, pages):
    html = client.get("/search/", {"q": "finance"}).content.decode()
    skip = html.index('href="#search-count"')
    assert "Skip to results" in html[skip : skip + 80]
    assert skip < html.index('class="filters-panel"') < html.index('id="search-count"')
