"""Places tag case studies, challenges, labs, partners and events; a place's search document
carries it and its ancestors, so "Punjab" finds what is tagged with a Punjab district."""

import pytest
from django.urls import reverse

from challenges.models import ChallengePage
from knowledge.models import CaseStudyPage
from search import service
from search.documents import document_for
from tests.challenges.factories import GovernmentAgencyFactory
from tests.challenges.test_briefs import BRIEF_URL, brief_data
from tests.factories import PersonFactory
from tests.knowledge.factories import CaseStudyPageFactory
from tests.knowledge.test_submission_flow import submit
from tests.network.factories import PartnerPageFactory

pytestmark = pytest.mark.django_db


def test_document_holds_the_place_and_its_ancestors_and_their_names(home, gazetteer):
    page = CaseStudyPageFactory(
        title="Ration cards by text message", places=[gazetteer("PK-PB-LAHORE-MODEL-TOWN")]
    )
    document = document_for(CaseStudyPage.objects.get(pk=page.pk))
    assert document.facets["place"] == ["PK-PB", "PK-PB-LAHORE", "PK-PB-LAHORE-MODEL-TOWN"]
    found = service.search(service.normalise_request(text="Punjab", content_types=["case_study"]))
    assert [hit.title for hit in found.hits] == ["Ration cards by text message"]
    in_punjab = service.search(service.normalise_request(filters={"place": ["PK-PB"]}))
    assert in_punjab.total == 1


def test_a_draft_partner_tagged_with_a_place_is_not_counted(home, gazetteer):
    PartnerPageFactory(
        title="Sindh agency", country_code="PK", places=[gazetteer("PK-SD")], live=False
    )
    results = service.search(service.normalise_request(filters={"place": ["PK-SD"]}))
    assert results.total == 0


def test_case_study_submission_form_offers_places_and_keeps_them(client, home, gazetteer):
    partner = PersonFactory(partner=True)
    client.force_login(partner)
    form = client.get(reverse("knowledge:submit")).content.decode()
    assert "Lahore (District, Punjab)" in form
    assert "data-choice-filter" in form
    khulna = gazetteer("BD-27")
    response = submit(client, partner, places=[str(khulna.pk)])
    assert response.status_code == 302
    page = CaseStudyPage.objects.get(submitted_by=partner)
    assert list(page.get_latest_revision_as_object().places.all()) == [khulna]


def test_brief_form_offers_places_and_keeps_them(client, home, gazetteer):
    GovernmentAgencyFactory()
    policymaker = PersonFactory(policymaker=True)
    client.force_login(policymaker)
    assert "Khulna (District, Khulna)" in client.get(BRIEF_URL).content.decode()
    sindh = gazetteer("PK-SD")
    response = client.post(BRIEF_URL, brief_data(places=[str(sindh.pk)]))
    assert response.status_code == 302
    brief = ChallengePage.objects.get()
    assert list(brief.get_latest_revision_as_object().places.all()) == [sindh]
