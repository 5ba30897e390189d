"""The knowledge index's Language facet: own-script labels, counts that agree with the cards
shown (a case study and its translation are one card until a language is chosen), private
pages never counted, unknown languages ignored."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from knowledge.selectors import knowledge_browse
from tests.facets import language_options
from tests.knowledge.factories import CaseStudyPageFactory, FindingPageFactory
from tests.languages import language_around
from tests.search.factories import PageViewRestrictionFactory
from tests.site.test_page_translations import translate

pytestmark = pytest.mark.django_db


def _locale(code):
    return Locale.objects.get_or_create(language_code=code)[0]


@pytest.fixture
def corpus(home):
    pages = {
        "grievance": CaseStudyPageFactory(title="Grievance hotline", summary="A hotline for district offices."),
        "portal": CaseStudyPageFactory(title="Budget portal", summary="An open budget portal."),
        "ur_1": CaseStudyPageFactory(title="ضلعی بجٹ کی عوامی سماعت", summary="بجٹ پر رائے۔", locale=_locale("ur")),
        "ur_2": FindingPageFactory(title="بجٹ کی ویب سائٹ", abstract="شہری بجٹ دیکھتے ہیں۔", locale=_locale("ur")),
    }  # fmt: skip
    # Last: translating builds the Bengali tree, a second knowledge index the factories avoid.
    pages["grievance_bn"] = translate(pages["grievance"], "bn", title="জেলা অফিসের অভিযোগ হটলাইন")
    return pages


def _options(results, key="language"):
    facet = next(f for f in results.facets if f.name == key)
    return {option.value: option.count for option in facet.options}


def _titles(results):
    return sorted(page.title for page in results.pages)


def _html_options(html) -> dict[str, tuple[str, str, int, bool]]:
    soup = BeautifulSoup(html, "html.parser")
    return language_options(
        soup.select_one("section#facet-language, section[aria-labelledby=facet-language]")
    )


def _card_titles(html) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return sorted(" ".join(h.get_text().split()) for h in soup.select(".grid .card .card__title"))


def test_counts_say_how_many_cards_each_language_gives(corpus):
    everything = knowledge_browse({})
    # Without a language chosen, the English case study and its Bengali translation are one
    # card (the reader's version), so the list is shorter than the sum of the counts.
    assert everything.total == 4
    assert _options(everything) == {"en": 2, "ur": 2, "bn": 1}

    bengali = knowledge_browse({"language": ["bn"]})
    assert _titles(bengali) == ["জেলা অফিসের অভিযোগ হটলাইন"]
    assert bengali.total == 1
    urdu = knowledge_browse({"language": ["ur"]})
    assert _titles(urdu) == sorted(["ضلعی بجٹ کی عوامی سماعت", "بجٹ کی ویب سائٹ"])
    assert urdu.total == 2
    # Choosing several languages lists every version in them: the counts add up to the list.
    both = knowledge_browse({"language": ["en", "bn"]})
    assert _titles(both) == ["Budget portal", "Grievance hotline", "জেলা অফিসের অভিযোগ হটলাইন"]
    assert both.total == 3 == _options(both)["en"] + _options(both)["bn"]


def test_language_combines_with_the_other_facets(corpus):
    results = knowledge_browse({"language": ["ur"], "type": ["finding"]})
    assert _titles(results) == ["بجٹ کی ویب سائٹ"]
    # Language counts apply the type filter; type counts apply the language filter.
    assert _options(results) == {"ur": 1}
    assert _options(results, "type") == {"case-study": 1, "finding": 1}


def test_a_private_urdu_page_adds_nothing_to_the_urdu_count(home):
    CaseStudyPageFactory(title="ضلعی بجٹ کی عوامی سماعت", locale=_locale("ur"))
    CaseStudyPageFactory(title="بجٹ کی ویب سائٹ", locale=_locale("ur"))
    private = CaseStudyPageFactory(
        title="اندرونی نوٹ", summary="صرف ارکان کے لیے۔", locale=_locale("ur")
    )
    PageViewRestrictionFactory(page=private)
    draft = CaseStudyPageFactory(title="مسودہ", locale=_locale("ur"), live=False)

    assert _options(knowledge_browse({})) == {"ur": 2}
    urdu = _titles(knowledge_browse({"language": ["ur"]}))
    assert private.title not in urdu and draft.title not in urdu and len(urdu) == 2


def test_the_index_page_shows_the_facet_in_each_languages_own_script(client, corpus):
    html = client.get("/knowledge/").content.decode()

    assert _html_options(html) == {
        "English": ("en", "ltr", 2, False),
        "اردو": ("ur", "rtl", 2, False),
        "বাংলা": ("bn", "ltr", 1, False),
    }
    assert language_around(html, "Sort by") == ("en", "ltr")

    chosen = client.get("/knowledge/", {"language": "ur"}).content.decode()
    assert _card_titles(chosen) == sorted(["ضلعی بجٹ کی عوامی سماعت", "بجٹ کی ویب سائٹ"])
    assert _html_options(chosen)["اردو"] == ("ur", "rtl", 2, True)
    assert "selected; select to remove" in chosen
    # The "active filters" list names the language in its own script too.
    soup = BeautifulSoup(chosen, "html.parser")
    tag = next(a for a in soup.select("a.tag") if "اردو" in a.get_text())
    assert tag.select_one('[lang="ur"][dir="rtl"]') is not None
    assert "language=ur" not in tag["href"]


@pytest.mark.parametrize(
    "value", ["<script>alert(1)</script>", "xx", "ur" * 3000, "UR", ["ur"] * 50 + ["xx"]]
)
def test_hostile_language_values_are_ignored(client, corpus, value):
    response = client.get("/knowledge/", {"language": value})
    html = response.content.decode()

    assert response.status_code == 200
    assert "<script>alert(1)" not in html
    repeated_urdu = isinstance(value, list)
    assert len(_card_titles(html)) == (2 if repeated_urdu else 4)
    assert _html_options(html)["اردو"][3] is repeated_urdu


def test_a_chosen_languages_cards_lead_to_the_versions_in_that_language(client, corpus):
    bengali = corpus["grievance_bn"]

    html = client.get("/knowledge/", {"language": "bn"}).content.decode()

    soup = BeautifulSoup(html, "html.parser")
    [link] = soup.select(".grid .card .card__title a")
    # Not to the English translation, as a card in an unfiltered list would lead.
    assert link["href"] == f"/bn/knowledge/{bengali.slug}/"
    assert client.get(link["href"]).status_code == 200
    unfiltered = BeautifulSoup(client.get("/knowledge/").content.decode(), "html.parser")
    hrefs = [a["href"] for a in unfiltered.select(".grid .card .card__title a")]
    assert f"/knowledge/{corpus['grievance'].slug}/" in hrefs
