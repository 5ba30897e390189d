"""The search page's Language facet: each language named in its own script, counted over the
pages anyone may read, selectable by a plain link, in any interface language."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from tests.facets import language_options
from tests.knowledge.factories import CaseStudyPageFactory
from tests.languages import language_around
from tests.search.factories import PageViewRestrictionFactory

pytestmark = pytest.mark.django_db


def _locale(code):
    return Locale.objects.get_or_create(language_code=code)[0]


@pytest.fixture
def corpus(home, engine_name):
    pages = {
        "en_1": CaseStudyPageFactory(title="Budget hearings in Dhaka", summary="Citizens spoke on the budget."),
        "en_2": CaseStudyPageFactory(title="Budget portal in Lahore", summary="An open budget portal."),
        "ur_1": CaseStudyPageFactory(title="ضلعی بجٹ کی عوامی سماعت", summary="بجٹ پر شہریوں کی رائے۔", locale=_locale("ur")),
        "ur_2": CaseStudyPageFactory(title="بجٹ کی ویب سائٹ", summary="شہری بجٹ دیکھتے ہیں۔", locale=_locale("ur")),
        "bn_1": CaseStudyPageFactory(title="জেলা বাজেট শুনানি", summary="নাগরিকরা বাজেট নিয়ে কথা বলেছেন।", locale=_locale("bn")),
    }  # fmt: skip
    return pages


def _language_options(html) -> dict[str, tuple[str, str, int, bool]]:
    soup = BeautifulSoup(html, "html.parser")
    return language_options(
        next(
            section
            for section in soup.select("section.facet")
            if section.select_one(".facet__title").get_text(strip=True) in {"Language", "زبان"}
        )
    )


def _result_titles(html) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return sorted(
        " ".join(h.get_text().split()) for h in soup.select(".search-result .card__title")
    )


def test_the_facet_names_each_language_in_its_own_script_with_counts(client, corpus):
    html = client.get("/search/", {"content_type": "case_study"}).content.decode()

    assert _language_options(html) == {
        "English": ("en", "ltr", 2, False),
        "اردو": ("ur", "rtl", 2, False),
        "বাংলা": ("bn", "ltr", 1, False),
    }
    # The interface around the labels stays English.
    assert language_around(html, "Filter results") == ("en", "ltr")


def test_selecting_urdu_lists_only_urdu_pages(client, corpus):
    html = client.get("/search/", {"language": "ur"}).content.decode()

    assert _result_titles(html) == sorted(["ضلعی بجٹ کی عوامی سماعت", "بجٹ کی ویب سائٹ"])
    assert _language_options(html)["اردو"] == ("ur", "rtl", 2, True)
    # The link on the selected option removes the filter; the others add theirs.
    soup = BeautifulSoup(html, "html.parser")
    selected = soup.select_one('a.facet__option[aria-current="true"]')
    assert "language=ur" not in selected["href"]
    assert "Remove filter:" in selected.get_text()


def test_a_query_and_the_language_filter_combine(client, corpus):
    html = client.get("/search/", {"q": "بجٹ", "language": "ur"}).content.decode()

    assert _result_titles(html) == sorted(["ضلعی بجٹ کی عوامی سماعت", "بجٹ کی ویب سائٹ"])
    english = client.get("/search/", {"q": "budget", "language": "ur"}).content.decode()
    assert _result_titles(english) == []


def test_a_private_urdu_page_adds_nothing_to_the_urdu_count(client, corpus):
    private = CaseStudyPageFactory(
        title="اندرونی بجٹ نوٹ", summary="صرف ارکان کے لیے۔", locale=_locale("ur")
    )
    PageViewRestrictionFactory(page=private)

    html = client.get("/search/", {"content_type": "case_study"}).content.decode()
    assert _language_options(html)["اردو"] == ("ur", "rtl", 2, False)
    urdu = client.get("/search/", {"language": "ur"}).content.decode()
    assert "اندرونی بجٹ نوٹ" not in urdu


def test_the_facet_works_in_the_urdu_interface(client, corpus):
    response = client.get("/ur/search/", {"language": "bn"})
    html = response.content.decode()

    assert response.status_code == 200
    assert '<html lang="ur" dir="rtl"' in html
    assert _result_titles(html) == ["জেলা বাজেট শুনানি"]
    # As for every facet on this page, a selected value's siblings are counted within it.
    assert _language_options(html) == {"বাংলা": ("bn", "ltr", 1, True)}
    assert "زبان" in html  # the facet's title, in the interface's language
    # A plain link relative to /ur/search/ removes the filter, and the reader stays in Urdu.
    soup = BeautifulSoup(html, "html.parser")
    selected = soup.select_one('a.facet__option[aria-current="true"]')
    assert selected["href"].startswith("?") and "language=bn" not in selected["href"]
    everything = client.get("/ur/search/", {"content_type": "case_study"}).content.decode()
    assert _language_options(everything)["English"] == ("en", "ltr", 2, False)


@pytest.mark.parametrize(
    "value",
    ["<script>alert(1)</script>", "xx", "ur" * 3000, "UR", "ur-x", "../en", ""],
)
def test_an_unknown_language_is_ignored(client, corpus, value):
    response = client.get("/search/", {"content_type": "case_study", "language": value})
    html = response.content.decode()

    assert response.status_code == 200
    assert "<script>alert(1)" not in html
    # As if no language had been asked for: every case study, nothing marked selected.
    assert len(_result_titles(html)) == 5
    assert not any(selected for _lang, _dir, _n, selected in _language_options(html).values())
    assert 'lang="xx"' not in html


def test_a_repeated_or_mixed_language_filter_is_read_once(client, corpus):
    response = client.get("/search/", {"language": ["ur"] * 50 + ["xx", "<b>", "bn"]})
    html = response.content.decode()

    assert response.status_code == 200
    assert len(_result_titles(html)) == 3
    options = _language_options(html)
    assert options == {"اردو": ("ur", "rtl", 2, True), "বাংলা": ("bn", "ltr", 1, True)}
