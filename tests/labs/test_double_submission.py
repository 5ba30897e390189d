"""Sending a reply or a new thread twice (double click, resubmit after an error page) posts once."""

import re

import pytest
from django.urls import reverse

from labs.models import Post, Thread


def submission_token(html: str) -> str:
    match = re.search(r'name="submission_token" value="([^"]+)"', html)
    assert match, "the form carries no submission token"
    return match.group(1)


@pytest.mark.django_db
def test_the_same_reply_sent_twice_is_posted_once(client, world):
    client.force_login(world.member)
    token = submission_token(client.get(world.thread.get_absolute_url()).content.decode())
    data = {"body": "Only once, please.", "submission_token": token}
    first = client.post(world.thread.get_absolute_url(), data)
    second = client.post(world.thread.get_absolute_url(), data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert Post.objects.filter(body="Only once, please.").count() == 1


@pytest.mark.django_db
def test_a_reply_corrected_after_an_error_is_posted(client, world):
    client.force_login(world.member)
    token = submission_token(client.get(world.thread.get_absolute_url()).content.decode())
    refused = client.post(world.thread.get_absolute_url(), {"body": "", "submission_token": token})
    assert refused.status_code == 400
    assert submission_token(refused.content.decode()) == token
    client.post(world.thread.get_absolute_url(), {"body": "Fixed", "submission_token": token})
    assert Post.objects.filter(body="Fixed").count() == 1


@pytest.mark.django_db
def test_each_new_form_gets_its_own_token(client, world):
    client.force_login(world.member)
    url = world.thread.get_absolute_url()
    assert submission_token(client.get(url).content.decode()) != submission_token(
        client.get(url).content.decode()
    )


@pytest.mark.django_db
def test_the_same_new_thread_sent_twice_is_started_once(client, world):
    client.force_login(world.member)
    url = reverse("labs:thread_create", kwargs={"space_id": world.space.pk})
    token = submission_token(client.get(url).content.decode())
    data = {"title": "Budget", "body": "Let us plan.", "submission_token": token}
    first = client.post(url, data)
    second = client.post(url, data)
    assert second["Location"] == first["Location"]
    assert Thread.objects.filter(title="Budget").count() == 1
