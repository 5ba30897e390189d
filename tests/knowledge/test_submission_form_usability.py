"""The partner's case study form: Save draft, Preview without saving, a checkbox list of
partners (no Ctrl-click multi-select) and no "---------" placeholders."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from knowledge.models import CaseStudyPage
from tests.challenges.factories import GovernmentAgencyFactory
from tests.factories import PersonFactory

from .test_submission_flow import assert_not_public, form_data

pytestmark = pytest.mark.django_db

SUBMIT_URL = reverse("knowledge:submit")


@pytest.fixture
def partner(home):
    return PersonFactory(partner=True)


def test_form_offers_partners_as_filterable_checkboxes(client, partner):
    agency = GovernmentAgencyFactory(title="Punjab Information Technology Board")
    client.force_login(partner)
    html = client.get(SUBMIT_URL).content.decode()
    assert '<select name="implementing_partners"' not in html
    assert "Ctrl" not in html
    assert f'type="checkbox" name="implementing_partners" value="{agency.pk}"' in html
    assert html.count("data-choice-filter") >= 2  # partners and countries
    assert "---------" not in html
    assert html.count("data-markdown-editor") == 6
    assert 'name="save_draft"' in html and 'name="markdown_preview"' in html


def test_preview_renders_sanitised_markdown_and_saves_nothing(client, partner):
    client.force_login(partner)
    response = client.post(
        SUBMIT_URL,
        form_data(markdown_preview="1", what_was_done="*Camps* <script>x()</script>", summary=""),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<em>Camps</em>" in html
    assert "<script>x()" not in html
    assert "Mobile registration camps" in html
    assert "form__summary" not in html  # no "This field is required" for a preview
    assert not CaseStudyPage.objects.exists()


def test_save_draft_half_filled_comes_back_whole_and_is_not_public(client, partner):
    client.force_login(partner)
    half = {
        "title": "Mobile registration camps",
        "summary": "",
        "problem": "Families travelled **far**.",
        "results": "Waiting fell by half.",
        "year_launched": "2022",
        "original_language": "si",
        "sources": "Annual report | https://example.org/report.pdf",
        "save_draft": "1",
    }
    response = client.post(SUBMIT_URL, half)
    assert response.status_code == 302
    page = CaseStudyPage.objects.get()
    edit_url = reverse("knowledge:submission_edit", args=[page.pk])
    assert response["Location"] == edit_url
    assert not page.live
    assert not WorkflowState.objects.filter(object_id=str(page.pk)).exists()
    html = client.get(edit_url).content.decode()
    assert "Draft saved" in html
    for typed in ("Mobile registration camps", "Families travelled **far**.",
                  "Waiting fell by half.", "2022", "Annual report | https://example.org/report.pdf"):  # fmt: skip
        assert typed in html, typed
    assert_not_public(client, page)
    client.force_login(partner)
    # Sending the completed draft puts it into moderation.
    assert client.post(edit_url, form_data()).status_code == 302
    assert WorkflowState.objects.filter(object_id=str(page.pk)).exists()


def test_save_draft_without_a_title_keeps_the_input(client, partner):
    client.force_login(partner)
    response = client.post(SUBMIT_URL, {"title": "", "problem": "Far.", "save_draft": "1"})
    assert response.status_code == 400
    assert "Far." in response.content.decode()
    assert not CaseStudyPage.objects.exists()
