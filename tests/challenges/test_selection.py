"""Selection creates the project space once, with the team and policymakers; others are told."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from challenges import services
from challenges.models import ProposalStatus
from labs.models import ProjectSpace, SpaceMembership
from tests.challenges.factories import ChallengePageFactory, ProposalFactory
from tests.factories import PersonFactory
from tests.labs.factories import LabPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_challenge(home, policymaker):
    second_owner = PersonFactory(policymaker=True)
    return ChallengePageFactory(
        owners=[policymaker, second_owner], closes=timezone.now() - timedelta(hours=1)
    )


@pytest.fixture
def proposals(closed_challenge, lab_page, other_lab):
    winner_team = [PersonFactory(member_of=lab_page), PersonFactory(member_of=lab_page)]
    loser_team = [PersonFactory(member_of=other_lab)]
    winner = ProposalFactory(
        challenge=closed_challenge, lab=lab_page, members=winner_team, title="Winner"
    )
    loser = ProposalFactory(
        challenge=closed_challenge, lab=other_lab, members=loser_team, title="Loser"
    )
    draft_lab = LabPageFactory(title="Drafting Lab")
    draft = ProposalFactory(
        challenge=closed_challenge,
        lab=draft_lab,
        status=ProposalStatus.DRAFT,
        title="Draft",
    )
    return {
        "winner": winner,
        "loser": loser,
        "draft": draft,
        "winner_team": winner_team,
        "loser_team": loser_team,
    }


def test_selection_creates_space_with_team_and_policymakers(
    client, closed_challenge, proposals, policymaker, django_capture_on_commit_callbacks
):
    client.force_login(policymaker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("challenges:proposal_select", args=[proposals["winner"].pk]))
    assert response.status_code == 302
    space = ProjectSpace.objects.get()
    roles = {m.user_id: m.role for m in SpaceMembership.objects.filter(space=space)}
    expected = {u.pk for u in proposals["winner_team"]} | {
        o.pk for o in closed_challenge.owners.all()
    }
    assert set(roles) == expected
    assert roles[proposals["winner_team"][0].pk] == "owner"
    assert all(roles[o.pk] == "member" for o in closed_challenge.owners.all())
    assert space.lab == proposals["winner"].lab
    proposals["winner"].refresh_from_db()
    assert proposals["winner"].status == ProposalStatus.SELECTED
    assert proposals["winner"].project_space == space
    selected_mail = [m for m in mail.outbox if "was selected" in m.subject]
    assert selected_mail and set(selected_mail[0].to) == {u.email for u in proposals["winner_team"]}


def test_double_click_creates_one_space(client, proposals, policymaker):
    client.force_login(policymaker)
    url = reverse("challenges:proposal_select", args=[proposals["winner"].pk])
    client.post(url)
    client.post(url)
    assert ProjectSpace.objects.count() == 1
    again = services.proposal_select(proposal=proposals["winner"], selected_by=policymaker)
    assert again == ProjectSpace.objects.get()
    assert ProjectSpace.objects.count() == 1


def test_the_team_lands_in_its_new_space(client, proposals, policymaker):
    space = services.proposal_select(proposal=proposals["winner"], selected_by=policymaker)
    client.force_login(proposals["winner_team"][1])
    html = client.get(
        reverse("challenges:proposal_detail", args=[proposals["winner"].pk])
    ).content.decode()
    assert space.get_absolute_url() in html
    assert client.get(space.get_absolute_url()).status_code == 200


def test_selection_waits_for_the_deadline(home, policymaker, lab_page):
    open_challenge = ChallengePageFactory(owners=[policymaker], title="Still open")
    proposal = ProposalFactory(challenge=open_challenge, lab=lab_page)
    with pytest.raises(ValidationError):
        services.proposal_select(proposal=proposal, selected_by=policymaker)
    assert not ProjectSpace.objects.exists()


def test_drafts_cannot_be_selected(client, proposals, policymaker):
    client.force_login(policymaker)
    response = client.post(reverse("challenges:proposal_select", args=[proposals["draft"].pk]))
    assert response.status_code == 404
    assert not ProjectSpace.objects.exists()


@pytest.mark.parametrize("who", ["team", "stranger", "unverified_owner"])
def test_only_owners_select(client, proposals, closed_challenge, who, policymaker):
    from challenges.models import PolicymakerVerification

    if who == "team":
        actor = proposals["winner_team"][0]
    elif who == "stranger":
        actor = PersonFactory()
    else:
        actor = policymaker
        PolicymakerVerification.objects.filter(user=policymaker).update(status="revoked")
    client.force_login(actor)
    assert (
        client.post(
            reverse("challenges:proposal_select", args=[proposals["winner"].pk])
        ).status_code
        == 404
    )
    assert client.get(reverse("challenges:manage", args=[closed_challenge.pk])).status_code == 404
    assert not ProjectSpace.objects.exists()


def test_declined_teams_get_their_email_with_shared_feedback(
    client, proposals, closed_challenge, policymaker, django_capture_on_commit_callbacks
):
    client.force_login(policymaker)
    client.post(
        reverse("challenges:proposal_feedback", args=[proposals["loser"].pk]),
        {"feedback_to_team": "Strong method; the costing was unrealistic."},
    )
    services.proposal_select(proposal=proposals["winner"], selected_by=policymaker)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("challenges:selection_finalise", args=[closed_challenge.pk]), follow=True
        )
    assert "Selection finalised: 1 other team was told" in response.content.decode()
    proposals["loser"].refresh_from_db()
    assert proposals["loser"].status == ProposalStatus.DECLINED
    assert not [m for m in mail.outbox if "Selection announced" in m.subject]  # nobody follows
    declined = [m for m in mail.outbox if "Decision on your proposal" in m.subject]
    assert len(declined) == 1
    assert declined[0].to == [proposals["loser_team"][0].email]
    assert "costing was unrealistic" in declined[0].body
    # The draft team is not told anything and its draft stays a draft.
    proposals["draft"].refresh_from_db()
    assert proposals["draft"].status == ProposalStatus.DRAFT
    # Finalising again sends nothing new.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("challenges:selection_finalise", args=[closed_challenge.pk]))
    assert mail.outbox == []


def test_challenge_moves_to_in_progress_then_completed(proposals, closed_challenge, policymaker):
    assert closed_challenge.status == "selecting"
    services.proposal_select(proposal=proposals["winner"], selected_by=policymaker)
    closed_challenge = type(closed_challenge).objects.get(pk=closed_challenge.pk)
    assert closed_challenge.status == "in_progress"
    services.challenge_state_set(challenge=closed_challenge, by=policymaker, state="completed")
    closed_challenge = type(closed_challenge).objects.get(pk=closed_challenge.pk)
    assert closed_challenge.status == "completed"


def test_followers_hear_which_team_was_selected(
    proposals, closed_challenge, policymaker, django_capture_on_commit_callbacks
):
    from challenges.models import ChallengeFollower

    follower = PersonFactory()
    ChallengeFollower.objects.create(challenge=closed_challenge, user=follower)
    services.proposal_select(proposal=proposals["winner"], selected_by=policymaker)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.selection_finalise(challenge=closed_challenge, by=policymaker)
    announced = [m for m in mail.outbox if "Selection announced" in m.subject]
    assert [m.to for m in announced] == [[follower.email]]
    assert "Winner" in announced[0].body and "Loser" not in announced[0].body
