"""Space files follow the product's one upload policy, in the upload form and in posts."""

import pytest
from django.urls import reverse

from labs.models import SpaceFile
from tests import files
from tests.files import pdf_bytes, upload

pytestmark = pytest.mark.django_db


def space_url(world, name, **kwargs):
    return reverse(f"labs:{name}", kwargs={"space_id": world.space.pk, **kwargs})


@pytest.mark.parametrize(
    "name,maker",
    [
        ("report.pdf", files.windows_executable),
        ("report.pdf", files.linux_executable),
        ("notes.txt", files.html_page),
    ],
)
def test_disguised_programs_and_pages_are_refused_with_a_message(client, world, name, maker):
    client.force_login(world.member)
    response = client.post(space_url(world, "file_upload"), {"upload": upload(name, maker())})
    assert response.status_code == 400
    assert "looks like a web page, script or program" in response.content.decode()
    assert SpaceFile.objects.count() == 1


def test_a_real_pdf_is_accepted_and_served_as_an_inert_pdf_download(client, world):
    client.force_login(world.member)
    response = client.post(
        space_url(world, "file_upload"), {"upload": upload("r.pdf", pdf_bytes())}
    )
    assert response.status_code == 302
    file = SpaceFile.objects.get(name="r.pdf")
    response = client.get(space_url(world, "file_download", file_id=file.pk))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="r.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
