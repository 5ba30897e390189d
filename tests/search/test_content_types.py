"""Real content types through their adapters: facets with labels, attachments, names as words."""

import io

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from network.models import SustainableDevelopmentGoal, Theme
from search import service
from tests.knowledge import factories as knowledge

pytestmark = pytest.mark.django_db


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF whose content stream shows ``text`` (enough for pypdf to extract)."""
    stream = f"BT /F1 12 Tf 72 712 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def facet(results, name):
    return {o.label: o.count for f in results.facets if f.name == name for o in f.options}


def test_case_studies_and_findings_carry_labelled_facets(home, search_engine):
    theme = Theme.objects.order_by("slug").first()
    goal = SustainableDevelopmentGoal.objects.get(number=16)
    partner = knowledge.partner_page(title="Punjab Information Technology Board")
    knowledge.case_study(
        title="Citizen feedback calls", countries=("PK",), themes=(theme.slug,), sdgs=(16,),
        partners=(partner,), summary="Officials call citizens back after a service.",
    )  # fmt: skip
    knowledge.finding(
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


def test_pdf_attachment_text_is_searchable(home, search_engine):
    document = Document(title="Full report")
    document.file.save(
        "report.pdf", ContentFile(minimal_pdf("quokkatext appears only here")), save=False
    )
    document.save()
    knowledge.finding(title="A finding with a report", pdf=document)
    if search_engine.name != "embedded":
        search_engine.refresh()
    results = service.search(service.normalise_request(text="quokkatext"))
    assert [h.title for h in results.hits] == ["A finding with a report"]


def test_a_labs_university_is_its_organisation_facet_value(home, search_engine):
    """A lab's organisation is its university's name; the adapter once stringified the bound
    ``str.title`` method instead, so five labs showed "<built-in method title …>" publicly."""
    from tests.labs.factories import lab_create

    lab_create(title="Accountability Lab", university_name="Lahore University of Management")
    if search_engine.name != "embedded":
        search_engine.refresh()
    results = service.search(service.normalise_request(text="accountability"))
    assert results.total == 1
    assert facet(results, "organisation") == {"Lahore University of Management": 1}
