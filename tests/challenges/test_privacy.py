"""Proposals, their files and scores are never reachable by people outside the team (404)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from challenges import services
from challenges.models import ProposalStatus, ReviewerInvitation
from labs.models import LabRole
from tests.challenges.factories import ChallengePageFactory, ProposalFactory
from tests.factories import PersonFactory
from tests.labs.factories import LabMembershipFactory, LabPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenge_page(home, policymaker):
    return ChallengePageFactory(owners=[policymaker])


@pytest.fixture
def draft(challenge_page, lab_page):
    proposal = ProposalFactory(challenge=challenge_page, lab=lab_page, status=ProposalStatus.DRAFT)
    services.proposal_attachment_add(
        proposal=proposal,
        user=proposal.members.first().user,
        upload=SimpleUploadedFile("budget.pdf", b"%PDF-1.4 secret", content_type="application/pdf"),
    )
    return proposal


def urls(proposal):
    attachment = proposal.attachments.first()
    return [
        reverse("challenges:proposal_detail", args=[proposal.pk]),
        reverse("challenges:proposal_edit", args=[proposal.pk]),
        reverse("challenges:attachment_download", args=[proposal.pk, attachment.pk]),
    ]


def test_team_member_reads_and_downloads(client, draft):
    client.force_login(draft.members.first().user)
    for url in urls(draft):
        assert client.get(url).status_code == 200, url
    response = client.get(urls(draft)[2])
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 secret"


@pytest.mark.parametrize(
    "who", ["stranger", "same_lab_member", "owner_of_challenge", "moderator_not_sent", "reviewer"]
)
def test_draft_is_404_outside_the_team(client, draft, challenge_page, lab_page, policymaker, who):
    actor = {
        "stranger": lambda: PersonFactory(),
        "same_lab_member": lambda: PersonFactory(member_of=lab_page),
        "owner_of_challenge": lambda: policymaker,
        "moderator_not_sent": lambda: PersonFactory(superuser=True),
        "reviewer": lambda: (
            ReviewerInvitation.objects.create(
                challenge=challenge_page, reviewer=PersonFactory()
            ).reviewer
        ),
    }[who]()
    client.force_login(actor)
    for url in urls(draft):
        assert client.get(url).status_code == 404, (who, url)


def test_anonymous_is_sent_to_login(client, draft):
    for url in urls(draft):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_submitted_proposal_readable_by_owner_but_not_by_strangers(client, draft, policymaker):
    services.proposal_submit(proposal=draft, user=draft.members.first().user)
    detail, _edit, download = urls(draft)
    client.force_login(policymaker)
    assert client.get(detail).status_code == 200
    assert client.get(download).status_code == 200
    client.force_login(PersonFactory())
    assert client.get(detail).status_code == 404
    assert client.get(download).status_code == 404


def test_removed_team_member_loses_access_on_next_request(client, draft, lab_page):
    colleague = PersonFactory(member_of=lab_page)
    draft.members.create(user=colleague, role="Analyst")
    client.force_login(colleague)
    detail = reverse("challenges:proposal_detail", args=[draft.pk])
    assert client.get(detail).status_code == 200
    draft.members.filter(user=colleague).delete()
    assert client.get(detail).status_code == 404


def test_proposals_never_appear_on_public_pages(client, draft, challenge_page):
    services.proposal_submit(proposal=draft, user=draft.members.first().user)
    for url in (challenge_page.url, challenge_page.get_parent().url):
        html = client.get(url).content.decode()
        assert draft.title not in html
        assert "budget.pdf" not in html


def test_private_file_is_not_under_media_root(draft, settings):
    path = draft.attachments.first().file.path
    assert path.startswith(settings.PRIVATE_MEDIA_ROOT)
    assert not path.startswith(settings.MEDIA_ROOT)


def test_disallowed_file_types_are_refused(client, draft):
    client.force_login(draft.members.first().user)
    client.post(
        reverse("challenges:attachment_upload", args=[draft.pk]),
        {"file": SimpleUploadedFile("x.html", b"<script>", content_type="text/html")},
    )
    assert draft.attachments.count() == 1


def test_only_lab_members_start_proposals(client, challenge_page, lab_page, user):
    client.force_login(user)
    url = reverse("challenges:proposal_start", args=[challenge_page.pk])
    assert client.get(url).status_code == 403
    # Someone from another lab cannot propose on this lab's behalf.
    outsider = PersonFactory(member_of=LabPageFactory(title="Elsewhere"))
    client.force_login(outsider)
    response = client.post(url, {"lab": lab_page.pk, "title": "Hijack", "role": "Lead"})
    assert response.status_code == 200
    assert not challenge_page.proposals.exists()


def test_owner_cannot_propose_to_own_challenge(client, challenge_page, lab_page, policymaker):
    LabMembershipFactory(lab=lab_page, user=policymaker, role=LabRole.POLICYMAKER)
    client.force_login(policymaker)
    assert "Start a team proposal" not in client.get(challenge_page.url).content.decode()
    response = client.post(
        reverse("challenges:proposal_start", args=[challenge_page.pk]),
        {"lab": lab_page.pk, "title": "Mine", "role": "Lead"},
    )
    assert response.status_code == 200
    assert "cannot propose" in response.content.decode()
    assert not challenge_page.proposals.exists()


def test_person_removed_from_the_lab_loses_its_draft_proposal(client, draft, lab_page):
    """Still named on the team, but no longer in the lab: the proposal is the lab's, so the
    person gets the same 404 as a stranger for reading, editing and the attachment, and the
    proposal leaves their list."""
    from labs.models import LabMembership
    from labs.services import lab_membership_end

    colleague = PersonFactory(member_of=lab_page)
    draft.members.create(user=colleague, role="Analyst")
    client.force_login(colleague)
    assert client.get(urls(draft)[0]).status_code == 200

    membership = LabMembership.objects.get(lab=lab_page, user=colleague)
    lab_membership_end(membership=membership, ended_by=colleague)

    for url in urls(draft):
        assert client.get(url).status_code == 404, url
    response = client.post(urls(draft)[1], {"title": "Taken over", "summary": "x"})
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.title != "Taken over"
    from challenges.selectors import proposals_of_user

    assert not proposals_of_user(user=colleague).exists()
