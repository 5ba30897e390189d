"""Proposal attachments follow the product's one upload policy and are served inertly."""

import pytest
from django.urls import reverse

from tests.challenges.factories import ChallengePageFactory, ProposalFactory
from tests.factories import PersonFactory
from tests.files import pdf_bytes, upload

pytestmark = pytest.mark.django_db

REFUSED = [
    ("budget.pdf", "windows_executable"),
    ("budget.pdf", "linux_executable"),
    ("notes.txt", "html_page"),
]


@pytest.fixture
def draft(home, lab_page):
    challenge = ChallengePageFactory(owners=[PersonFactory(policymaker=True)])
    return ProposalFactory(challenge=challenge, lab=lab_page)


def attach(client, proposal, file):
    client.force_login(proposal.members.first().user)
    return client.post(
        reverse("challenges:attachment_upload", args=[proposal.pk]), {"file": file}, follow=True
    )


@pytest.mark.parametrize("name,maker", REFUSED)
def test_disguised_programs_and_pages_are_refused_with_a_message(client, draft, name, maker):
    from tests import files

    response = attach(client, draft, upload(name, getattr(files, maker)()))
    assert "looks like a web page, script or program" in response.content.decode()
    assert not draft.attachments.exists()


def test_a_real_pdf_is_accepted_and_served_as_an_inert_download(client, draft):
    response = attach(client, draft, upload("Budget – বাজেট.pdf", pdf_bytes()))
    assert response.status_code == 200
    attachment = draft.attachments.get()
    response = client.get(reverse("challenges:attachment_download", args=[draft.pk, attachment.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_the_attachment_help_text_states_the_configured_limit(client, draft, settings):
    """The limit a proposer reads is the one the policy applies (CHALLENGES_MAX_UPLOAD_BYTES),
    not a figure written into the form."""
    settings.CHALLENGES_MAX_UPLOAD_BYTES = 5 * 1024 * 1024
    client.force_login(draft.members.first().user)

    page = client.get(reverse("challenges:proposal_edit", args=[draft.pk])).content.decode()

    assert "PDF, Word, Excel, PowerPoint, CSV, text or image; up to 5.0\xa0MB." in page
