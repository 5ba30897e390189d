"""Control characters in titles and names (issue 12, finding 3).

Refused at input with a clear message; stripped where stored ones would break an output
(RSS/Atom and the admin's XLSX exports) for everyone.
"""

import io
import xml.dom.minidom

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from knowledge.models import CaseStudyPage
from network.models import PartnerPage, Theme
from tests.challenges.factories import GovernmentAgencyFactory
from tests.challenges.test_briefs import BRIEF_URL, brief_data
from tests.factories import PersonFactory
from tests.knowledge.factories import CaseStudyPageFactory
from tests.labs.factories import SpaceWorld
from tests.network.factories import PartnerPageFactory

pytestmark = pytest.mark.django_db

MESSAGE = "invisible control character (U+0007)"


def test_a_brief_title_with_a_control_character_is_refused_with_a_message(client, home):
    GovernmentAgencyFactory()
    client.force_login(PersonFactory(policymaker=True))
    response = client.post(BRIEF_URL, brief_data(title="Promotion\x07 metrics"))
    assert response.status_code == 400
    html = response.content.decode()
    assert MESSAGE in html
    assert "Design measurable promotion criteria" in html  # what was typed is kept


def test_a_partner_title_with_a_control_character_is_refused_by_the_admin_form(home):
    partner = PartnerPageFactory(title="Punjab University")
    partner.title = "Punjab\x07 University"
    with pytest.raises(ValidationError) as refused:
        partner.full_clean()
    assert MESSAGE in str(refused.value.message_dict["title"])


def test_a_reference_data_name_with_a_control_character_is_refused(home):
    theme = Theme(name="Budget\x1b transparency", slug="budget-transparency")
    with pytest.raises(ValidationError) as refused:
        theme.full_clean()
    assert "U+001B" in str(refused.value.message_dict["name"])


def test_a_thread_title_with_a_control_character_is_refused_with_a_message(client, home):
    world = SpaceWorld()
    client.force_login(world.member)
    response = client.post(
        f"/spaces/{world.space.pk}/threads/new/", {"title": "Plan\x07", "body": "Kept body"}
    )
    assert response.status_code in (200, 400)
    assert MESSAGE in response.content.decode()
    assert not world.space.threads.filter(title__startswith="Plan").exists()


def test_tabs_newlines_and_other_scripts_are_fine():
    from core.validators import validate_no_control_characters

    for text in ("Tab\there", "ضلعی حکومت", "দুর্নীতি", "x² ٣"):
        validate_no_control_characters(text)


@pytest.fixture
def stored_control_characters(home):
    """Titles stored before forms refused control characters (written past validation)."""
    page = CaseStudyPageFactory(title="Open budgets", countries=["PK"], themes=["service-delivery"])
    CaseStudyPage.objects.filter(pk=page.pk).update(title="Open\x07 budgets\x0b")
    partner = PartnerPageFactory(title="Punjab University")
    PartnerPage.objects.filter(pk=partner.pk).update(title="Punjab\x07 University")
    Theme.objects.filter(slug="service-delivery").update(name="Service\x08 delivery")
    return page


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/knowledge/rss/",
        "/feeds/knowledge/atom/",
        "/feeds/knowledge/theme/service-delivery/rss/",
        "/feeds/knowledge/theme/service-delivery/atom/",
    ],
)
def test_a_stored_control_character_no_longer_breaks_the_feeds(
    client, stored_control_characters, url
):
    response = client.get(url)
    assert response.status_code == 200
    document = xml.dom.minidom.parseString(response.content)  # noqa: S318 (our own feed)
    assert "Open budgets" in document.toxml()


@pytest.mark.parametrize("report", ["aging-pages", "site-history"])
def test_a_stored_control_character_no_longer_breaks_the_xlsx_export(
    admin_client, stored_control_characters, report
):
    response = admin_client.get(f"/admin/reports/{report}/?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [str(cell.value) for row in sheet.iter_rows() for cell in row]
    assert any("Punjab University" in cell or "Open budgets" in cell for cell in cells)
