"""A case study's attachments have no public address until moderators publish the page."""

from pathlib import Path

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.views import static

from knowledge.models import CaseStudyPage
from tests.factories import PersonFactory
from tests.files import pdf_bytes, upload

from .test_submission_flow import act, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(client, home):
    client.force_login(PersonFactory(partner=True))
    client.post(
        reverse("knowledge:submit"),
        {**form_data(), "attachments": [upload("evidence.pdf", pdf_bytes("field notes"))]},
    )
    client.logout()
    return CaseStudyPage.objects.get()


def media_files(settings) -> list[Path]:
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def dev_media_get(settings, path: str):
    """What ``/media/<path>`` answers on the development server (django.views.static)."""
    return static.serve(RequestFactory().get(f"/media/{path}"), path, settings.MEDIA_ROOT)


def test_pending_attachment_is_not_reachable_by_any_url(client, submission, settings):
    document = submission.attachments.get().document
    assert media_files(settings) == []  # a proxy serving /media/ directly finds nothing
    with pytest.raises(Http404):
        dev_media_get(settings, "documents/evidence.pdf")
    assert client.get(document.url).status_code == 404
    client.force_login(PersonFactory(partner=True))
    assert client.get(document.url).status_code == 404
    client.force_login(PersonFactory(moderator=True))
    assert client.get(document.url).status_code == 200  # moderators review it


def test_published_attachment_is_served_as_an_inert_download(client, submission, settings):
    act(client, PersonFactory(moderator=True), submission, "approve")
    client.logout()
    document = submission.attachments.get().document
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="evidence.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert b"".join(response.streaming_content) == pdf_bytes("field notes")
    assert dev_media_get(settings, document.file.name).status_code == 200


def test_private_and_missing_documents_answer_the_same_404(client, submission):
    document = submission.attachments.get().document
    private_path = f"/documents/{document.pk}/{document.filename}"
    missing_path = f"/documents/{document.pk + 1000}/{document.filename}"
    private = client.get(private_path)
    missing = client.get(missing_path)
    assert private.status_code == missing.status_code == 404
    # Each page names its own address (the language switcher returns to it); nothing else differs.
    assert private.content.decode().replace(
        private_path, "PATH"
    ) == missing.content.decode().replace(missing_path, "PATH")
    client.force_login(PersonFactory(partner=True))
    assert client.get(f"/documents/{document.pk}/{document.filename}").status_code == 404


def test_unpublished_case_study_takes_its_attachment_private_again(client, submission, settings):
    act(client, PersonFactory(moderator=True), submission, "approve")
    client.logout()
    document = submission.attachments.get().document
    assert client.get(document.url).status_code == 200
    CaseStudyPage.objects.get(pk=submission.pk).unpublish()
    document.refresh_from_db()
    assert client.get(document.url).status_code == 404
    assert media_files(settings) == []
