"""Case-study attachments follow the product's one upload policy."""

import pytest
from django.urls import reverse

from knowledge.models import CaseStudyPage
from tests import files
from tests.factories import PersonFactory
from tests.files import pdf_bytes, upload

from .test_submission_flow import form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name,maker",
    [
        ("evidence.pdf", files.windows_executable),
        ("evidence.pdf", files.linux_executable),
        ("evidence.txt", files.html_page),
    ],
)
def test_disguised_programs_and_pages_are_refused_with_a_message(client, home, name, maker):
    client.force_login(PersonFactory(partner=True))
    response = client.post(
        reverse("knowledge:submit"), {**form_data(), "attachments": [upload(name, maker())]}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "looks like a web page, script or program" in html
    assert "Mobile registration camps" in html  # what was typed is kept
    assert not CaseStudyPage.objects.exists()


def test_a_real_pdf_is_accepted(client, home):
    client.force_login(PersonFactory(partner=True))
    response = client.post(
        reverse("knowledge:submit"),
        {**form_data(), "attachments": [upload("evidence.pdf", pdf_bytes())]},
    )
    assert response.status_code == 302
    assert CaseStudyPage.objects.get().attachments.count() == 1
