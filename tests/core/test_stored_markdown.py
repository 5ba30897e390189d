"""Markdown is rendered once, when it is saved; pages print the stored, sanitised HTML.

Issue 12 finding 2: a Q&A answer of 5,000 ``[`` made its public challenge page take 6–7 s
on every anonymous view, and some Markdown fields had no length limit at all.
"""

import sys
from contextlib import contextmanager
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import format_html

import core.text
from challenges import services as challenge_services
from core.text import MAX_DOCUMENT_MARKDOWN_LENGTH, MAX_POST_MARKDOWN_LENGTH
from labs import services as lab_services
from tests.challenges.factories import ChallengePageFactory
from tests.factories import PersonFactory
from tests.knowledge.factories import CaseStudyPageFactory, FindingPageFactory
from tests.knowledge.test_submission_flow import form_data
from tests.labs.factories import SpaceWorld

pytestmark = pytest.mark.django_db


@contextmanager
def renderer_calls():
    """Count every call of the Markdown renderers (HTML and plain text), wherever imported."""
    calls = []
    patches = []
    for name in ("render_markdown", "markdown_to_plain_text"):
        real = getattr(core.text, name)

        def counting(text, real=real):
            calls.append(text)
            return real(text)

        patches += [
            mock.patch.object(module, name, counting)
            for module in list(sys.modules.values())
            if getattr(module, name, None) is real
        ]
    for patch in patches:
        patch.start()
    try:
        yield calls
    finally:
        for patch in patches:
            patch.stop()


@contextmanager
def quick_renderer():
    """Until the linear-time renderer lands, 10,000 ``[`` take minutes to render even once
    (on save); these tests are about views not rendering, so saving uses a stand-in."""
    with mock.patch("core.fields.render_markdown", lambda text: format_html("<p>{}</p>", text)):
        yield


@pytest.fixture
def space_world(home, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return SpaceWorld()


def test_thread_of_ten_thousand_brackets_is_served_without_rendering(client, space_world):
    with quick_renderer():
        post = lab_services.post_create(
            thread=space_world.thread, author=space_world.member, body="[" * 10_000
        )
    assert post.body_html.startswith("<p>[[[")
    client.force_login(space_world.member)
    url = space_world.thread.get_absolute_url()
    with renderer_calls() as calls:
        response = client.get(url)
    assert response.status_code == 200
    assert "[" * 1000 in response.content.decode()
    assert calls == []


def test_public_challenge_page_prints_stored_answers_and_updates(client, home):
    owner = PersonFactory(policymaker=True)
    challenge = ChallengePageFactory(owners=[owner])
    asker = PersonFactory()
    question = challenge_services.question_ask(challenge=challenge, user=asker, body="When?")
    with quick_renderer():
        challenge_services.question_answer(question=question, user=owner, answer="[" * 5_000)
    challenge_services.challenge_update_post(
        challenge=challenge, author=owner, title="Extended", body="**Two** more weeks."
    )
    with renderer_calls() as calls:
        response = client.get(challenge.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>Two</strong> more weeks." in html
    assert "<strong>problem</strong>" in html
    assert calls == []


def test_knowledge_pages_print_stored_html(client, home):
    study = CaseStudyPageFactory(problem="A **hard** problem.", lessons="Learnt _much_.")
    finding = FindingPageFactory(body="The **body**.")
    with renderer_calls() as calls:
        study_html = client.get(study.url).content.decode()
        print_html = client.get(study.url + "print/").content.decode()
        finding_html = client.get(finding.url).content.decode()
    assert "A <strong>hard</strong> problem." in study_html
    assert "Learnt <em>much</em>." in print_html
    assert "The <strong>body</strong>." in finding_html
    assert calls == []


def test_stored_html_follows_an_edit(space_world):
    post = lab_services.post_edit(
        post=space_world.post, editor=space_world.member, body="Now **bold**."
    )
    post.refresh_from_db()
    assert post.body_html == "<p>Now <strong>bold</strong>.</p>"
    revision = post.revisions.get()
    assert "<strong>interview guide</strong>" in revision.body_html


def test_stored_html_of_a_page_follows_a_published_revision(home):
    study = CaseStudyPageFactory(problem="Before.")
    study.problem = "After **edit**."
    study.save_revision().publish()
    study.refresh_from_db()
    assert study.problem_html == "<p>After <strong>edit</strong>.</p>"


def test_page_preview_shows_the_unsaved_text(rf, home):
    study = CaseStudyPageFactory(problem="Saved text.")
    study.problem = "Unsaved **preview** text."
    request = rf.get("/")
    request.user = PersonFactory(superuser=True)
    response = study.serve_preview(request, study.default_preview_mode)
    html = response.render().content.decode()
    assert "Unsaved <strong>preview</strong> text." in html


def test_over_long_space_goal_is_refused_and_kept(client, space_world):
    client.force_login(space_world.owner)
    goal = "g" * (MAX_POST_MARKDOWN_LENGTH + 1)
    response = client.post(
        reverse("labs:space_edit", kwargs={"space_id": space_world.space.pk}),
        {"title": space_world.space.title, "goal": goal, "status": "active"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f"at most {MAX_POST_MARKDOWN_LENGTH:,}".replace(",", "") in html.replace(",", "")
    assert goal in html


def test_over_long_case_study_section_is_refused_and_kept(client, home):
    client.force_login(PersonFactory(partner=True))
    results = "r" * (MAX_DOCUMENT_MARKDOWN_LENGTH + 1)
    response = client.post(reverse("knowledge:submit"), form_data(results=results))
    assert response.status_code == 400
    html = response.content.decode()
    assert str(MAX_DOCUMENT_MARKDOWN_LENGTH) in html.replace(",", "")
    assert results in html


def test_model_refuses_over_long_markdown_from_the_admin(home):
    from django.core.exceptions import ValidationError

    study = CaseStudyPageFactory()
    study.lessons = "l" * (MAX_DOCUMENT_MARKDOWN_LENGTH + 1)
    with pytest.raises(ValidationError) as error:
        study.full_clean()
    assert "lessons" in error.value.message_dict


def test_plain_text_email_is_not_html_escaped(home):
    owner = PersonFactory(policymaker=True)
    challenge = ChallengePageFactory(owners=[owner], title="Q&A on <recruitment>")
    follower = PersonFactory()
    challenge_services.challenge_follow(challenge=challenge, user=follower)
    mail.outbox.clear()
    with mock.patch("django.db.transaction.on_commit", lambda func, **kwargs: func()):
        challenge_services.challenge_update_post(
            challenge=challenge, author=owner, title="Q&A session", body='Bring "notes" & <ideas>.'
        )
    message = mail.outbox[-1]
    assert "Q&A session" in message.body
    assert 'Bring "notes" & <ideas>.' in message.body
    assert "&amp;" not in message.body and "&quot;" not in message.body
    assert "&amp;" not in message.subject


def test_data_migration_fills_html_of_existing_rows(space_world):
    from core.fields import fill_rendered_markdown
    from labs.models import Post

    Post.objects.update(body_html="")
    fill_rendered_markdown(Post)
    post = Post.objects.get(pk=space_world.post.pk)
    assert "<strong>interview guide</strong>" in post.body_html


def test_submission_preview_renders_revisions_saved_before_html_was_stored(client, home):
    from wagtail.models import Revision

    client.force_login(PersonFactory(partner=True))
    client.post(reverse("knowledge:submit"), form_data(problem="Old **revision**."))
    revision = Revision.objects.latest("pk")
    revision.content = {
        key: value for key, value in revision.content.items() if not key.endswith("_html")
    }
    revision.save(update_fields=["content"])
    response = client.get(reverse("knowledge:submission", args=[revision.object_id]))
    assert "Old <strong>revision</strong>." in response.content.decode()
