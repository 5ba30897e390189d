"""A case study or finding published once through moderation is found by its PDF's text.

Publishing runs the search update (page_published) before the knowledge and labs receivers
release the attachment from the moderators-only collection, so the first index had no PDF
text; the document's release now re-indexes the pages drawing text from it."""

import pytest
from django.urls import reverse

from knowledge.models import CaseStudyPage
from search import service
from tests.factories import PersonFactory
from tests.files import pdf_bytes, upload
from tests.knowledge.test_submission_flow import act, form_data

pytestmark = pytest.mark.django_db


def titles(search_engine, text):
    if search_engine.name != "embedded":
        search_engine.refresh()
    return [hit.title for hit in service.search(service.normalise_request(text=text)).hits]


def test_case_study_published_once_is_found_by_its_pdf_text(
    client, home, search_engine, django_capture_on_commit_callbacks
):
    client.force_login(PersonFactory(partner=True))
    client.post(
        reverse("knowledge:submit"),
        {**form_data(), "attachments": [upload("evidence.pdf", pdf_bytes("quetzalword inside"))]},
    )
    page = CaseStudyPage.objects.get()
    assert titles(search_engine, "quetzalword") == []
    with django_capture_on_commit_callbacks(execute=True):
        act(client, PersonFactory(moderator=True), page, "approve")
    assert titles(search_engine, "quetzalword") == ["Mobile registration camps"]


def test_lab_finding_published_once_is_found_by_its_pdf_text(
    home, search_engine, django_capture_on_commit_callbacks
):
    from labs import services
    from labs.services.publishing import finding_propose_from_space
    from tests.labs.factories import SpaceWorld

    world = SpaceWorld()
    report = services.space_file_upload(
        space=world.space,
        uploaded_by=world.owner,
        upload=upload("report.pdf", pdf_bytes("axolotlword inside")),
    )
    finding = finding_propose_from_space(
        space=world.space, proposed_by=world.owner, title="Why centres work",
        abstract="One window.", files=[report],
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        finding.save_revision().publish()
    assert titles(search_engine, "axolotlword") == ["Why centres work"]
