"""Browsing the knowledge base: facets combine (AND across, OR within) with honest counts."""

import pytest

from knowledge.selectors import knowledge_browse
from tests.knowledge.factories import CaseStudyPageFactory, FindingPageFactory
from tests.network.factories import PartnerPageFactory, level, stage

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(home):
    partner = PartnerPageFactory(title="Punjab University", country_code="PK")
    items = {
        "pk_service": CaseStudyPageFactory(
            title="PK service", countries=["PK"], themes=["service-delivery"], sdgs=[16],
            stage=stage("pilot"), government_level=level("national"), year_launched=2020,
            partners=[partner],
        ),
        "pk_digital": CaseStudyPageFactory(
            title="PK digital", countries=["PK"], themes=["digital-government"], sdgs=[9],
            stage=stage("scaled"), year_launched=2021,
        ),
        "in_service": CaseStudyPageFactory(
            title="IN service", countries=["IN"], themes=["service-delivery"], sdgs=[16],
            stage=stage("pilot"), year_launched=2020,
        ),
        "bd_both": CaseStudyPageFactory(
            title="BD both", countries=["BD", "PK"], themes=["service-delivery", "digital-government"],
            year_launched=2019,
        ),
        "finding_pk": FindingPageFactory(title="PK finding", countries=["PK"], themes=["service-delivery"]),
        "draft": CaseStudyPageFactory(title="Draft", countries=["PK"], themes=["service-delivery"], live=False),
    }  # fmt: skip
    return items


def _options(results, key):
    facet = next(f for f in results.facets if f.name == key)
    return {option.value: option.count for option in facet.options}


def _titles(results):
    return sorted(page.title for page in results.pages)


def test_no_filter_lists_published_items_only(corpus):
    results = knowledge_browse({})
    assert results.total == 5
    assert "Draft" not in _titles(results)
    assert _options(results, "type") == {"case-study": 4, "finding": 1}


def test_facets_combine_with_and_and_counts_follow(corpus):
    results = knowledge_browse({"country": ["PK"], "theme": ["service-delivery"]})
    assert _titles(results) == ["BD both", "PK finding", "PK service"]
    # Country counts apply the theme filter but not the country filter itself.
    assert _options(results, "country") == {"PK": 3, "IN": 1, "BD": 1}
    # Theme counts apply the country filter only.
    assert _options(results, "theme") == {"service-delivery": 3, "digital-government": 2}
    assert _options(results, "type") == {"case-study": 2, "finding": 1}


def test_values_within_a_facet_combine_with_or(corpus):
    results = knowledge_browse({"country": ["IN", "BD"]})
    assert _titles(results) == ["BD both", "IN service"]


def test_stage_and_level_exclude_findings(corpus):
    results = knowledge_browse({"stage": ["pilot"]})
    assert _titles(results) == ["IN service", "PK service"]
    results = knowledge_browse({"level": ["national"], "type": ["finding"]})
    assert results.total == 0


def test_year_sdg_and_partner_facets(corpus):
    assert _titles(knowledge_browse({"year": ["2020"]})) == ["IN service", "PK service"]
    assert _titles(knowledge_browse({"sdg": ["9"]})) == ["PK digital"]
    partner_slug = corpus["pk_service"].implementing_partners.first().slug
    assert _titles(knowledge_browse({"partner": [partner_slug]})) == ["PK service"]


def test_draft_is_never_counted(corpus):
    results = knowledge_browse({"theme": ["service-delivery"]})
    assert _options(results, "country")["PK"] == 3  # not 4: the draft is excluded


def test_index_page_keeps_filters_in_links_and_paginates(client, corpus):
    response = client.get("/knowledge/?country=PK&theme=service-delivery&sort=title")
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 results" in html
    # Removing the theme keeps the country and the sort in the URL, and lands on the results.
    assert 'href="?country=PK&amp;sort=title#results"' in html
    assert "Draft" not in html


def test_sort_by_title_and_unknown_values_are_harmless(client, corpus):
    response = client.get("/knowledge/?sort=title&sdg=abc&year=x&country=ZZ")
    assert response.status_code == 200
    assert "5 results" in response.content.decode()  # values no option knows are ignored
    response = client.get("/knowledge/?sort=bogus&page=999")
    assert response.status_code == 200


def test_draft_partner_never_appears_in_facets(home):
    hidden = PartnerPageFactory(title="Unannounced partner", live=False)
    CaseStudyPageFactory(title="Public case", partners=[hidden])
    results = knowledge_browse({})
    assert _options(results, "partner") == {}
    results = knowledge_browse({"partner": [hidden.slug]})
    assert all(
        option.label != "Unannounced partner" for f in results.facets for option in f.options
    )


def test_single_theme_filter_offers_its_feed(client, corpus):
    html = client.get("/knowledge/?theme=service-delivery").content.decode()
    assert "/feeds/knowledge/theme/service-delivery/rss/" in html


@pytest.mark.parametrize("value", ["%C2%B2", "9" * 30])
def test_unicode_digits_and_huge_numbers_in_filters_are_ignored_not_500(client, corpus, value):
    # "²".isdigit() is True but int("²") fails; 30 digits overflow the database integer.
    response = client.get(f"/knowledge/?sdg={value}&year={value}")
    assert response.status_code == 200
    assert "PK service" in response.content.decode()


def test_adding_a_filter_keeps_the_filters_in_order_and_the_sort_last(client, corpus):
    html = client.get("/knowledge/?country=PK&sort=title&page=2").content.decode()
    # The same links as before facets had one toggle helper: filters in facet order, the
    # chosen option beside its facet's other values, the sort last, the page dropped.
    assert 'href="?country=PK&amp;theme=service-delivery&amp;sort=title#results"' in html
    assert 'href="?country=PK&amp;country=IN&amp;sort=title#results"' in html
    assert 'href="?sort=title#results"' in html
