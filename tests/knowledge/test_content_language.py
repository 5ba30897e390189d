"""A case study written in Urdu is marked as Urdu, right to left, wherever its text appears,
while the English interface around it stays English."""

import pytest
from wagtail.models import Locale

from tests.knowledge.factories import CaseStudyPageFactory
from tests.languages import language_around

pytestmark = pytest.mark.django_db

URDU_TITLE = "ضلعی بجٹ کی عوامی سماعت"
URDU_SUMMARY = "لاہور کے شہریوں نے ضلعی بجٹ پر اپنی رائے دی۔"
URDU_PROBLEM = "شہریوں کو بجٹ کی خبر نہیں تھی۔"


@pytest.fixture
def urdu_case_study(home):
    return CaseStudyPageFactory(
        title=URDU_TITLE,
        summary=URDU_SUMMARY,
        problem=URDU_PROBLEM,
        locale=Locale.objects.get_or_create(language_code="ur")[0],
    )


def test_an_urdu_case_study_is_marked_urdu_inside_an_english_interface(client, urdu_case_study):
    html = client.get(urdu_case_study.url).content.decode()

    assert '<html lang="en" dir="ltr"' in html
    assert language_around(html, URDU_TITLE) == ("ur", "rtl")
    assert language_around(html, URDU_SUMMARY) == ("ur", "rtl")
    assert language_around(html, URDU_PROBLEM) == ("ur", "rtl")
    # The interface's own words around the content stay English, left to right.
    assert language_around(html, "Case study") == ("en", "ltr")
    assert language_around(html, "Cite this") == ("en", "ltr")
    assert '"inLanguage": "ur"' in html


def test_its_card_on_the_knowledge_index_is_marked_urdu(client, urdu_case_study):
    html = client.get("/knowledge/").content.decode()

    assert language_around(html, URDU_TITLE) == ("ur", "rtl")
    assert language_around(html, URDU_SUMMARY) == ("ur", "rtl")
    assert language_around(html, "Sort by") == ("en", "ltr")


def test_an_english_case_study_is_marked_english(client, home):
    page = CaseStudyPageFactory(title="District budget hearings", summary="Citizens in Lahore.")

    html = client.get(page.url).content.decode()

    assert language_around(html, "District budget hearings") == ("en", "ltr")


def test_its_card_in_the_latest_knowledge_on_the_home_page_is_marked_urdu(client, urdu_case_study):
    html = client.get("/").content.decode()

    assert language_around(html, URDU_TITLE) == ("ur", "rtl")
    assert language_around(html, "Latest knowledge") == ("en", "ltr")
