"""Public Q&A, followers and their emails, dashboard panels."""

import pytest
from django.core import mail
from django.urls import reverse

from challenges.models import ChallengeFollower, ChallengeQuestion
from tests.challenges.factories import ChallengePageFactory, ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenge_page(home, policymaker):
    return ChallengePageFactory(owners=[policymaker])


def test_anonymous_cannot_ask(client, challenge_page):
    response = client.post(
        reverse("challenges:question_ask", args=[challenge_page.pk]), {"body": "Hi?"}
    )
    assert response.status_code == 302
    assert not ChallengeQuestion.objects.exists()


def test_question_flow(
    client, challenge_page, user, other_user, policymaker, django_capture_on_commit_callbacks
):
    ChallengeFollower.objects.create(challenge=challenge_page, user=other_user)
    client.force_login(user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("challenges:question_ask", args=[challenge_page.pk]),
            {"body": "Is district data available?"},
        )
    question = ChallengeQuestion.objects.get()
    assert mail.outbox[-1].to == [policymaker.email]
    # The asker follows automatically; the unanswered question is not public.
    assert ChallengeFollower.objects.filter(user=user).exists()
    client.logout()
    assert "Is district data available?" not in client.get(challenge_page.url).content.decode()
    # A non-owner cannot answer.
    client.force_login(other_user)
    response = client.post(
        reverse("challenges:question_answer", args=[challenge_page.pk, question.pk]),
        {"answer": "Yes"},
    )
    assert response.status_code == 404
    # The owner answers; answer is public and followers are emailed one by one.
    client.force_login(policymaker)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("challenges:question_answer", args=[challenge_page.pk, question.pk]),
            {"answer": "Yes, **monthly** data."},
        )
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([user.email, other_user.email])
    assert all(len(message.to) == 1 for message in mail.outbox)
    client.logout()
    html = client.get(challenge_page.url).content.decode()
    assert "Is district data available?" in html and "<strong>monthly</strong>" in html


def test_follow_and_update_emails(
    client, challenge_page, user, policymaker, django_capture_on_commit_callbacks
):
    client.force_login(user)
    client.post(reverse("challenges:follow", args=[challenge_page.pk]))
    assert ChallengeFollower.objects.filter(user=user).count() == 1
    client.post(reverse("challenges:follow", args=[challenge_page.pk]))  # idempotent
    assert ChallengeFollower.objects.filter(user=user).count() == 1
    assert (
        client.get(reverse("challenges:update_create", args=[challenge_page.pk])).status_code == 404
    )
    client.force_login(policymaker)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("challenges:update_create", args=[challenge_page.pk]),
            {"title": "Deadline extended", "body": "Two more weeks."},
        )
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert "Deadline extended" in mail.outbox[0].subject
    client.force_login(user)
    client.post(reverse("challenges:follow", args=[challenge_page.pk]), {"action": "unfollow"})
    assert not ChallengeFollower.objects.filter(user=user).exists()


def test_dashboard_panels(client, challenge_page, policymaker, lab_page):
    proposal = ProposalFactory(challenge=challenge_page, lab=lab_page)
    client.force_login(policymaker)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert "My challenges" in html and challenge_page.title in html
    client.force_login(proposal.members.first().user)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert "My proposals" in html and proposal.title in html
