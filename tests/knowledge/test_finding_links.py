"""A finding names the lab and challenge it came from only when those pages are public;
the private project space is never named."""

import pytest

from tests.challenges.factories import ChallengePageFactory
from tests.knowledge.factories import FindingPageFactory
from tests.labs.factories import LabPageFactory

pytestmark = pytest.mark.django_db


def test_public_challenge_and_lab_are_linked(client, home):
    from labs.models import LabFinding, ProjectSpace

    answered = ChallengePageFactory(title="Merit-based promotion")
    lab = LabPageFactory(title="Public Policy Lab")
    page = FindingPageFactory(title="Promotion brief", source_challenge=answered)
    space = ProjectSpace.objects.create(lab=lab, title="Secret space name")
    LabFinding.objects.create(lab=lab, finding=page, space=space)
    html = client.get(page.url).content.decode()
    assert "Merit-based promotion" in html
    assert "Public Policy Lab" in html
    assert "Secret space name" not in html


def test_unpublished_challenge_and_lab_are_not_named(client, home):
    from labs.models import LabFinding

    hidden_challenge = ChallengePageFactory(title="Unannounced challenge", live=False)
    lab = LabPageFactory(title="Lab being set up")
    lab.unpublish()
    page = FindingPageFactory(title="Early brief", source_challenge=hidden_challenge)
    LabFinding.objects.create(lab=lab, finding=page)
    html = client.get(page.url).content.decode()
    assert "Unannounced challenge" not in html
    assert "Lab being set up" not in html
