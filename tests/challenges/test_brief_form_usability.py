"""The brief form: a Preview without saving, a "Save draft" that keeps a half-written brief
private, and the long form's layout (small Markdown boxes, no "---------")."""

import pytest
from django.urls import reverse

from challenges.models import ChallengePage
from tests.challenges.factories import GovernmentAgencyFactory

from .test_briefs import BRIEF_URL, brief_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency(home):
    return GovernmentAgencyFactory()


def half_filled(**extra):
    """Title and two Markdown boxes; no agency, country, dates or criteria yet."""
    return {
        "title": "Cutting the queue at passport offices",
        "summary": "",
        "problem_statement": "Queues of *six hours* in Lahore.",
        "background": "Started in 2019.",
        "criteria-TOTAL_FORMS": "1",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "1",
        "criteria-MAX_NUM_FORMS": "10",
        "criteria-0-name": "Feasibility",
        "criteria-0-weight": "",
        **extra,
    }


def test_form_has_editors_preview_and_draft_buttons(client, policymaker, agency):
    client.force_login(policymaker)
    html = client.get(BRIEF_URL).content.decode()
    assert html.count("data-markdown-editor") == 7
    assert 'name="markdown_preview"' in html
    assert 'name="save_draft"' in html
    assert "---------" not in html
    assert "Choose the agency" in html


def test_preview_shows_sanitised_text_keeps_input_and_saves_nothing(client, policymaker, agency):
    client.force_login(policymaker)
    response = client.post(
        BRIEF_URL, brief_data(markdown_preview="1", background="**Bold** <script>x()</script>")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>Bold</strong>" in html
    assert "<script>x()" not in html
    assert "&lt;script&gt;x()" in html  # kept in the box, escaped
    assert 'value="Performance-based promotion metrics"' in html
    assert "errorlist" not in html and "form__summary" not in html
    assert not ChallengePage.objects.exists()


def test_save_draft_with_half_the_fields_round_trips_and_stays_private(client, policymaker, agency):
    client.force_login(policymaker)
    response = client.post(BRIEF_URL, half_filled(save_draft="1"))
    assert response.status_code == 302, [m.message for m in response.context["messages"]] + [
        response.context["form"].errors
    ]
    page = ChallengePage.objects.get()
    assert response["Location"] == reverse("challenges:brief_edit", args=[page.pk])
    assert not page.live
    assert not page.workflow_in_progress  # a draft is not sent to the moderators
    follow = client.get(response["Location"])
    html = follow.content.decode()
    assert "Draft saved" in html
    assert 'value="Cutting the queue at passport offices"' in html
    assert "Queues of *six hours* in Lahore." in html
    assert "Started in 2019." in html
    assert 'value="Feasibility"' in html
    # Saving the draft again, then sending it, goes to moderation.
    edit_url = response["Location"]
    assert (
        client.post(edit_url, half_filled(save_draft="1", background="Since 2019.")).status_code
        == 302
    )
    assert "Since 2019." in client.get(edit_url).content.decode()
    client.logout()
    assert client.get(f"/challenges/{page.slug}/").status_code == 404
    assert page.slug not in client.get("/challenges/").content.decode()
    client.force_login(policymaker)
    sent = client.post(edit_url, brief_data())
    assert sent.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress


def test_save_draft_needs_a_title(client, policymaker, agency):
    client.force_login(policymaker)
    response = client.post(BRIEF_URL, half_filled(save_draft="1", title=""))
    assert response.status_code == 400
    assert "Queues of *six hours* in Lahore." in response.content.decode()
    assert not ChallengePage.objects.exists()
