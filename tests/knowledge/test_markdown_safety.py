"""Submitted Markdown is rendered through the one sanitiser: no scripts, no javascript:
links, no event handlers, on the public page and the partner's own preview."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from knowledge.models import CaseStudyPage
from tests.factories import PersonFactory

from .test_submission_flow import form_data

pytestmark = pytest.mark.django_db

PAYLOAD = (
    "Intro <script>alert('x')</script> text\n\n"
    '[click](javascript:alert(1)) and <a href="JaVaScRiPt:alert(2)">two</a>\n\n'
    '<img src=x onerror="alert(3)"> <p onclick="alert(4)">para</p>\n\n'
    "**kept bold** and [safe](https://example.org)"
)


def _assert_clean(html: str):
    lowered = html.lower()
    assert "<script>alert" not in lowered
    assert "javascript:" not in lowered
    assert "onerror" not in lowered
    assert "onclick" not in lowered
    assert "<strong>kept bold</strong>" in html
    assert 'href="https://example.org"' in html


def test_markdown_is_sanitised_in_preview_and_public_page(client, home):
    partner = PersonFactory(partner=True)
    client.force_login(partner)
    client.post(reverse("knowledge:submit"), form_data(problem=PAYLOAD))
    page = CaseStudyPage.objects.get()
    preview = client.get(reverse("knowledge:submission", args=[page.pk])).content.decode()
    section = preview.split("<main", 1)[1]
    _assert_clean(section)

    moderator = PersonFactory(moderator=True)
    state = WorkflowState.objects.for_instance(page).get()
    client.force_login(moderator)
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, "approve", state.current_task_state_id],
        ),
        {"comment": ""},
    )
    client.logout()
    public = client.get(f"/knowledge/{page.slug}/").content.decode()
    _assert_clean(public.split("<main", 1)[1])
