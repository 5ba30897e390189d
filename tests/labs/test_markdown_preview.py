"""Space posts and findings: the Preview button shows the sanitised post without saving it."""

import pytest
from django.urls import reverse

from labs.models import Post, Thread

pytestmark = pytest.mark.django_db


def test_thread_preview_shows_sanitised_text_and_saves_nothing(client, world):
    client.force_login(world.member)
    threads, posts = Thread.objects.count(), Post.objects.count()
    response = client.post(
        reverse("labs:thread_create", args=[world.space.pk]),
        {"title": "Field notes", "body": "**Met** <script>x()</script>", "markdown_preview": "1"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>Met</strong>" in html
    assert "<script>x()" not in html
    assert 'value="Field notes"' in html
    assert (Thread.objects.count(), Post.objects.count()) == (threads, posts)


def test_reply_preview_saves_nothing(client, world):
    client.force_login(world.member)
    posts = Post.objects.count()
    response = client.post(
        world.thread.get_absolute_url(), {"body": "_draft reply_", "markdown_preview": "1"}
    )
    assert response.status_code == 200
    assert "<em>draft reply</em>" in response.content.decode()
    assert Post.objects.count() == posts


def test_observer_cannot_preview_a_reply(client, world):
    client.force_login(world.observer)
    response = client.post(world.thread.get_absolute_url(), {"body": "x", "markdown_preview": "1"})
    assert response.status_code in (403, 404)
