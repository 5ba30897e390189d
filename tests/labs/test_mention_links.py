"""@mentions in a space's posts link to the person when they are a member of the space.

The link stays inside the space and decides on each click: the profile if the reader may see
it, else the member list, so a private profile is never revealed. Mentioned members are
emailed as their notification settings say.
"""

import pytest
from django.core import mail
from django.urls import reverse

from core.models import Profile
from labs import services
from labs.models import NotificationPreference, SpaceRole
from tests.factories import PersonFactory
from tests.labs.factories import LabPageFactory

pytestmark = pytest.mark.django_db


def person_link(world, username):
    return reverse("labs:space_person", kwargs={"space_id": world.space.pk, "username": username})


def thread_page(client, world, viewer):
    client.force_login(viewer)
    return client.get(world.thread.get_absolute_url()).content.decode()


def reply(world, body, author=None):
    return services.post_create(thread=world.thread, author=author or world.member, body=body)


def test_mentions_of_members_link_and_others_stay_text(client, world):
    PersonFactory(username="stranger-person")
    reply(world, "Thanks @observer-person, @outsider-person, @stranger-person and @nobody-here.")
    page = thread_page(client, world, world.owner)
    assert (
        f'<a href="{person_link(world, "observer-person")}" rel="nofollow noopener">@observer-person</a>'
        in page
    )
    for handle in ("outsider-person", "stranger-person", "nobody-here"):
        assert f"@{handle}" in page
        assert person_link(world, handle) not in page


def test_a_member_with_a_public_profile_is_reached_by_the_link(client, world):
    client.force_login(world.owner)
    response = client.get(person_link(world, "observer-person"))
    assert response.status_code == 302
    assert response["Location"] == world.observer.get_absolute_url()


def test_a_private_profile_is_never_revealed_by_the_link(client, world):
    Profile.objects.filter(user=world.observer).update(is_public=False)
    client.force_login(world.member)
    response = client.get(person_link(world, "observer-person"))
    assert response.status_code == 302
    membership = world.space.memberships.get(user=world.observer)
    members_url = reverse("labs:space_members", kwargs={"space_id": world.space.pk})
    assert response["Location"] == f"{members_url}#member-{membership.pk}"
    assert client.get(world.observer.get_absolute_url()).status_code == 404
    members = client.get(members_url).content.decode()
    assert f'id="member-{membership.pk}"' in members


def test_the_mentioned_person_reaches_their_own_private_profile(client, world):
    Profile.objects.filter(user=world.observer).update(is_public=False)
    client.force_login(world.observer)
    response = client.get(person_link(world, "observer-person"))
    assert response["Location"] == world.observer.get_absolute_url()


@pytest.mark.parametrize("who", ["outsider", "lead_of_another_lab", "moderator", "lab_member"])
def test_people_outside_the_space_get_404(client, world, who):
    if who == "outsider":
        viewer = world.outsider
    elif who == "lead_of_another_lab":
        viewer = PersonFactory(username="other-lead")
        LabPageFactory(title="Another Lab", lead=viewer)
    elif who == "moderator":
        viewer = PersonFactory(username="a-moderator", moderator=True)
    else:
        viewer = PersonFactory(username="lab-student", member_of=world.lab)
    client.force_login(viewer)
    assert client.get(person_link(world, "observer-person")).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    response = client.get(person_link(world, "observer-person"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_handle_not_in_the_space_answers_404_even_to_members(client, world):
    client.force_login(world.member)
    assert client.get(person_link(world, "outsider-person")).status_code == 404
    assert client.get(person_link(world, "nobody-here")).status_code == 404


def test_hostile_mentions_stay_harmless_text(client, world):
    long_handle = "x" * 400
    reply(world, f"@<script>alert(1)</script> @{long_handle} @\u202eobserver-person")
    page = thread_page(client, world, world.owner)
    assert "<script>alert" not in page
    assert f"@{long_handle}" in page
    assert person_link(world, "observer-person") not in page


def test_a_right_to_left_username_is_linked(client, world):
    rtl = PersonFactory(username="علی-رضا")
    services.space_member_add(
        space=world.space, user=rtl, role=SpaceRole.MEMBER, added_by=world.owner
    )
    reply(world, "شکریہ @علی-رضا")
    page = thread_page(client, world, world.owner)
    assert f'href="{person_link(world, "علی-رضا")}"' in page
    client.force_login(world.owner)
    assert client.get(person_link(world, "علی-رضا"))["Location"] == rtl.get_absolute_url()


def test_the_mentioned_member_is_emailed_after_commit(world):
    mail.outbox.clear()
    reply(world, "Can you check this, @observer-person?")
    to_observer = [m for m in mail.outbox if world.observer.email in m.to]
    assert len(to_observer) == 1
    assert "mentioned" in to_observer[0].subject


def test_a_member_who_turned_emails_off_is_not_emailed(world):
    services.space_notification_preference_set(
        membership=world.space.memberships.get(user=world.observer),
        preference=NotificationPreference.OFF,
    )
    mail.outbox.clear()
    reply(world, "Can you check this, @observer-person?")
    assert not [m for m in mail.outbox if world.observer.email in m.to]


def test_an_edit_that_adds_a_mention_links_and_notifies_only_the_newly_mentioned(client, world):
    post = reply(world, "A first thought.")
    mail.outbox.clear()
    services.post_edit(post=post, editor=world.member, body="A first thought, @observer-person.")
    assert [m.to for m in mail.outbox] == [[world.observer.email]]
    assert "mentioned" in mail.outbox[0].subject
    page = thread_page(client, world, world.owner)
    assert f'href="{person_link(world, "observer-person")}"' in page
    mail.outbox.clear()
    services.post_edit(post=post, editor=world.member, body="A second thought, @observer-person.")
    assert not mail.outbox
