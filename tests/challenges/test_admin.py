"""The Wagtail admin screens for challenges render for moderators and stay closed to others."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from challenges.models import PolicymakerVerification
from challenges.models.pages import validate_criteria_weights
from tests.challenges.factories import ChallengePageFactory

pytestmark = pytest.mark.django_db


def test_challenge_edit_form_renders_with_tabs_and_criteria(client, home, moderator, policymaker):
    page = ChallengePageFactory(owners=[policymaker])
    client.force_login(moderator)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Timeline and judging" in html and "Judging criteria" in html


def test_verification_queue_lists_requests(client, home, moderator, user):
    PolicymakerVerification.objects.create(
        user=user,
        agency_name="Cabinet Division",
        position="Section Officer",
        official_email="so@cabinet.gov.pk",
    )
    client.force_login(moderator)
    response = client.get(reverse("wagtailsnippets_challenges_policymakerverification:list"))
    assert response.status_code == 200
    assert "Cabinet Division" in response.content.decode()
    assert "Review request" in response.content.decode()


def test_verification_queue_closed_to_non_moderators(client, home, user):
    client.force_login(user)
    response = client.get(reverse("wagtailsnippets_challenges_policymakerverification:list"))
    assert response.status_code in (302, 403)


@pytest.mark.parametrize(
    ("weights", "ok"),
    [([], True), ([100], True), ([60, 40], True), ([50, 40], False), ([70, 40], False)],
)
def test_criteria_weights_rule(weights, ok):
    if ok:
        validate_criteria_weights(weights)
    else:
        with pytest.raises(ValidationError):
            validate_criteria_weights(weights)


def test_moderators_group_member_runs_the_verification_queue(client, home, user, other_user):
    from django.contrib.auth.models import Group

    from challenges.admin_permissions import moderator_permissions_grant

    moderator_permissions_grant()
    other_user.groups.add(Group.objects.get(name="Moderators"))
    verification = PolicymakerVerification.objects.create(
        user=user, agency_name="Cabinet Division", position="SO", official_email="so@cabinet.gov.pk"
    )
    client.force_login(other_user)
    assert (
        client.get(reverse("wagtailsnippets_challenges_policymakerverification:list")).status_code
        == 200
    )
    response = client.post(
        reverse("challenges_admin_verification_decide", args=[verification.pk]),
        {"decision": "approve"},
    )
    assert response.status_code == 302
    verification.refresh_from_db()
    assert verification.status == "approved"


def test_admin_preview_of_an_unsaved_brief_renders(rf, home, moderator):
    from django.contrib.messages.storage.fallback import FallbackStorage

    from challenges.models import ChallengeIndexPage, ChallengePage

    request = rf.get("/")
    request.user = moderator
    request.session = {}
    request._messages = FallbackStorage(request)
    index = ChallengeIndexPage.objects.get()
    page = ChallengePage(
        title="Preview me",
        summary="s",
        problem_statement="**x**",
        path=index.path + "9999",
        depth=index.depth + 1,
    )
    response = page.serve_preview(request, "")
    response.render()
    assert response.status_code == 200
    assert "Preview me" in response.content.decode()
