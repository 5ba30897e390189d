"""A search result shows its title and snippet in the language the page is written in."""

import pytest
from wagtail.models import Locale

from tests.knowledge.factories import CaseStudyPageFactory
from tests.languages import language_around

pytestmark = pytest.mark.django_db


def test_an_urdu_case_study_result_is_marked_urdu(client, home, engine_name):
    CaseStudyPageFactory(
        title="ضلعی بجٹ کی عوامی سماعت",
        summary="لاہور کے شہریوں نے بجٹ پر رائے دی۔",
        locale=Locale.objects.get_or_create(language_code="ur")[0],
    )
    CaseStudyPageFactory(title="Budget hearings in Dhaka", summary="Citizens spoke on the budget.")

    html = client.get("/search/", {"q": "بجٹ"}).content.decode()

    assert language_around(html, "عوامی سماعت") == ("ur", "rtl")
    assert language_around(html, "لاہور کے شہریوں") == ("ur", "rtl")
    english = client.get("/search/", {"q": "Dhaka"}).content.decode()
    assert language_around(english, "Dhaka") == ("en", "ltr")
    assert language_around(english, "Best match") == ("en", "ltr")
