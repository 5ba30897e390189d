"""The space owner chooses the licence of a finding they propose (CC BY 4.0 unless changed)."""

import re

import pytest
from django.urls import reverse

from knowledge.models import FindingPage

pytestmark = pytest.mark.django_db


def propose(client, world, **changes):
    client.force_login(world.owner)
    data = {"title": "Why centres work", "abstract": "One window.", "authors": [world.owner.pk]}
    data.update(changes)
    return client.post(reverse("labs:finding_propose", kwargs={"space_id": world.space.pk}), data)


def test_the_form_offers_the_licences_with_cc_by_chosen(client, world):
    client.force_login(world.owner)
    html = client.get(
        reverse("labs:finding_propose", kwargs={"space_id": world.space.pk})
    ).content.decode()
    assert re.search(r'<input type="radio" name="licence" value="CC-BY-4.0"[^>]*checked', html)
    assert 'value="CC-BY-NC-SA-4.0"' in html


def test_the_chosen_licence_goes_with_the_finding(client, world):
    propose(client, world, licence="CC-BY-SA-4.0")
    finding = FindingPage.objects.get(title="Why centres work")
    assert finding.licence == "CC-BY-SA-4.0"
    assert finding.get_latest_revision().as_object().licence == "CC-BY-SA-4.0"


def test_an_unknown_licence_keeps_the_form_and_proposes_nothing(client, world):
    response = propose(client, world, licence="GPL")
    assert response.status_code in (200, 400)
    assert "Select a valid choice" in response.content.decode()
    assert not FindingPage.objects.filter(title="Why centres work").exists()
