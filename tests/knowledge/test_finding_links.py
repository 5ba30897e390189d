"""A finding names the lab and challenge it came from only when those pages are public;
the private project space is never named."""

import pytest

from .factories import finding

pytestmark = pytest.mark.django_db


def test_public_challenge_and_lab_are_linked(client, home):
    from labs.models import LabFinding, ProjectSpace
    from tests.challenges.factories import challenge
    from tests.labs.factories import lab_create

    answered = challenge(title="Merit-based promotion")
    lab = lab_create(title="Public Policy Lab")
    page = finding(title="Promotion brief", source_challenge=answered)
    space = ProjectSpace.objects.create(lab=lab, title="Secret space name")
    LabFinding.objects.create(lab=lab, finding=page, space=space)
    html = client.get(page.url).content.decode()
    assert "Merit-based promotion" in html
    assert "Public Policy Lab" in html
    assert "Secret space name" not in html


def test_unpublished_challenge_and_lab_are_not_named(client, home):
    from labs.models import LabFinding
    from tests.challenges.factories import challenge
    from tests.labs.factories import lab_create

    hidden_challenge = challenge(title="Unannounced challenge", live=False)
    lab = lab_create(title="Lab being set up")
    lab.unpublish()
    page = finding(title="Early brief", source_challenge=hidden_challenge)
    LabFinding.objects.create(lab=lab, finding=page)
    html = client.get(page.url).content.decode()
    assert "Unannounced challenge" not in html
    assert "Lab being set up" not in html
