"""Real content types through their adapters: facets with labels, attachments, names as words."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from network.models import SustainableDevelopmentGoal, Theme
from search import service
from tests.files import pdf_bytes
from tests.knowledge.factories import CaseStudyPageFactory, FindingPageFactory
from tests.labs.factories import LabPageFactory
from tests.network.factories import PartnerPageFactory

pytestmark = pytest.mark.django_db


def facet(results, name):
    return {o.label: o.count for f in results.facets if f.name == name for o in f.options}


def test_case_studies_and_findings_carry_labelled_facets(home, search_engine):
    theme = Theme.objects.order_by("slug").first()
    goal = SustainableDevelopmentGoal.objects.get(number=16)
    partner = PartnerPageFactory(title="Punjab Information Technology Board")
    CaseStudyPageFactory(
        title="Citizen feedback calls", countries=("PK",), themes=(theme.slug,), sdgs=(16,),
        partners=(partner,), summary="Officials call citizens back after a service.",
    )  # fmt: skip
    FindingPageFactory(
        title="What feedback changed", countries=("BD",), abstract="Feedback evidence."
    )
    if search_engine.name != "embedded":
        search_engine.refresh()
    results = service.search(service.normalise_request(text="feedback"))
    assert results.total == 2
    assert facet(results, "content_type") == {"Case study": 1, "Finding": 1}
    assert facet(results, "country") == {"Pakistan": 1, "Bangladesh": 1}
    assert facet(results, "theme") == {theme.name: 1}
    assert list(facet(results, "sdg")) == [f"SDG 16: {goal.short_name}"]
    assert facet(results, "organisation") == {"Punjab Information Technology Board": 1}
    # Country names are searchable words even where the text never says them.
    assert service.search(service.normalise_request(text="bangladesh feedback")).total == 1


def test_pdf_attachment_text_is_searchable(home, search_engine, django_capture_on_commit_callbacks):
    document = Document(title="Full report")
    document.file.save(
        "report.pdf", ContentFile(pdf_bytes("quokkatext appears only here")), save=False
    )
    document.save()
    # The PDF is read by the worker (search.attachments), once the publication is committed.
    with django_capture_on_commit_callbacks(execute=True):
        FindingPageFactory(title="A finding with a report", pdf=document)
    if search_engine.name != "embedded":
        search_engine.refresh()
    results = service.search(service.normalise_request(text="quokkatext"))
    assert [h.title for h in results.hits] == ["A finding with a report"]


def test_a_labs_university_is_its_organisation_facet_value(home, search_engine):
    """A lab's organisation is its university's name; the adapter once stringified the bound
    ``str.title`` method instead, so five labs showed "<built-in method title …>" publicly."""

    LabPageFactory(title="Accountability Lab", university_name="Lahore University of Management")
    if search_engine.name != "embedded":
        search_engine.refresh()
    results = service.search(service.normalise_request(text="accountability"))
    assert results.total == 1
    assert facet(results, "organisation") == {"Lahore University of Management": 1}
