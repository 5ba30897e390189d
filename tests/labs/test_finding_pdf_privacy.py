"""The PDF copied out of a private space for a proposed finding has no public address until
moderators publish the finding."""

from pathlib import Path

import pytest
from django.urls import reverse

from knowledge.models import FindingPage
from labs import services
from tests.files import pdf_bytes, upload

pytestmark = pytest.mark.django_db


def test_proposed_finding_pdf_stays_private_until_published(client, world, settings):
    report = services.space_file_upload(
        space=world.space, uploaded_by=world.owner, upload=upload("report.pdf", pdf_bytes())
    )
    client.force_login(world.owner)
    client.post(
        reverse("labs:finding_propose", kwargs={"space_id": world.space.pk}),
        {
            "title": "Why centres work",
            "abstract": "One window.",
            "authors": [world.owner.pk],
            "files": [report.pk],
        },
    )
    document = FindingPage.objects.get(title="Why centres work").pdf
    assert [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()] == []
    client.logout()
    assert client.get(document.url).status_code == 404
    assert client.get(f"/media/documents/{document.filename}").status_code == 404

    finding = FindingPage.objects.get(title="Why centres work")
    finding.save_revision().publish()
    document.refresh_from_db()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="report.pdf"'
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert (Path(settings.MEDIA_ROOT) / document.file.name).is_file()

    FindingPage.objects.get(pk=finding.pk).unpublish()  # as now live, not the stale draft
    document.refresh_from_db()
    assert client.get(document.url).status_code == 404
    assert [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()] == []
