"""The proposal form's Preview shows the sanitised sections without saving them."""

import pytest
from django.urls import reverse

from challenges.models import ProposalStatus
from tests.challenges.factories import ChallengePageFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def test_proposal_preview_shows_sanitised_text_and_saves_nothing(client, home, lab_page):
    challenge = ChallengePageFactory()
    proposal = ProposalFactory(challenge=challenge, lab=lab_page, status=ProposalStatus.DRAFT)
    client.force_login(proposal.created_by)
    url = reverse("challenges:proposal_edit", args=[proposal.pk])
    html = client.get(url).content.decode()
    assert html.count("data-markdown-editor") == 3
    response = client.post(
        url,
        {
            "title": proposal.title,
            "approach": "**Shadow** scoring <script>x()</script>",
            "markdown_preview": "1",
            "team-TOTAL_FORMS": "0",
            "team-INITIAL_FORMS": "0",
        },  # fmt: skip
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>Shadow</strong>" in html
    assert "<script>x()" not in html
    proposal.refresh_from_db()
    assert proposal.approach == "Interviews and a **pilot**."
