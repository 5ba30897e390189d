"""The shared Markdown editor: a length counter, a Preview rendered by the site's sanitiser
(through a small endpoint for the script, and a "Preview" button without JavaScript)."""

import pytest
from django import forms
from django.urls import reverse

from core.forms import MarkdownTextarea, show_markdown_previews
from core.text import MAX_DOCUMENT_MARKDOWN_LENGTH, MAX_POST_MARKDOWN_LENGTH

PREVIEW_URL = reverse("core:markdown_preview")


class NoteForm(forms.Form):
    body = forms.CharField(max_length=MAX_POST_MARKDOWN_LENGTH, widget=MarkdownTextarea())


def test_widget_shows_the_limit_without_javascript_and_hooks_for_the_script():
    html = str(NoteForm()["body"])
    assert "data-markdown-editor" in html
    assert f'data-preview-url="{PREVIEW_URL}"' in html
    assert "Up to 20,000 characters" in html or "Up to 20000 characters" in html
    assert 'aria-live="polite"' in html
    assert 'aria-describedby="id_body_count"' in html
    # Nothing inline: the strict CSP forbids it.
    assert "<script" not in html and "style=" not in html


def test_preview_button_shows_sanitised_previews_without_validating():
    form = NoteForm({"body": "**bold** <script>alert(1)</script>"})
    show_markdown_previews(form)
    html = str(form["body"])
    assert "<strong>bold</strong>" in html
    assert "<script" not in html.replace("&lt;script", "")
    assert "&lt;script&gt;" in html  # what was typed stays in the box
    assert not form.errors


def test_anonymous_cannot_use_the_preview_endpoint(client, db):
    response = client.post(PREVIEW_URL, {"text": "hello"})
    assert response.status_code in (302, 403)
    assert "hello" not in response.content.decode()


def test_preview_endpoint_needs_post(client, user):
    client.force_login(user)
    assert client.get(PREVIEW_URL, {"text": "x"}).status_code == 405


def test_preview_endpoint_returns_sanitised_html(client, user):
    client.force_login(user)
    response = client.post(
        PREVIEW_URL,
        {
            "text": "# Title\n\n*hi* <script>alert(1)</script> [x](javascript:alert(1))"
            '<img src=x onerror="alert(1)">',
            "max_length": str(MAX_POST_MARKDOWN_LENGTH),
        },
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "<em>hi</em>" in body
    assert "<h2" in body  # a user's h1 becomes h2, as everywhere
    assert "<script" not in body
    assert "onerror" not in body or "<img" not in body
    assert "javascript:" not in body


def test_preview_endpoint_refuses_text_over_the_fields_limit(client, user):
    client.force_login(user)
    response = client.post(PREVIEW_URL, {"text": "a" * 101, "max_length": "100"})
    assert response.status_code == 413
    assert "100" in response.content.decode()


def test_preview_endpoint_never_allows_more_than_the_longest_field(client, user):
    client.force_login(user)
    response = client.post(
        PREVIEW_URL,
        {"text": "a" * (MAX_DOCUMENT_MARKDOWN_LENGTH + 1), "max_length": "999999999"},
    )
    assert response.status_code == 413


@pytest.mark.parametrize("max_length", ["", "abc", "-5", "1e9"])
def test_preview_endpoint_tolerates_a_bad_limit(client, user, max_length):
    client.force_login(user)
    response = client.post(PREVIEW_URL, {"text": "*ok*", "max_length": max_length})
    assert response.status_code == 200
    assert "<em>ok</em>" in response.content.decode()


def _public_forms():
    from challenges import forms as challenge_forms
    from core import forms as core_forms
    from knowledge import forms as knowledge_forms
    from labs import forms as lab_forms

    return [
        challenge_forms.BriefForm, challenge_forms.AnswerForm, challenge_forms.UpdateForm,
        challenge_forms.ProposalForm, challenge_forms.AgencyResponseForm,
        knowledge_forms.CaseStudySubmissionForm, lab_forms.SpaceForm, lab_forms.PostForm,
        lab_forms.ThreadForm, lab_forms.PostEditForm, lab_forms.TaskForm,
        lab_forms.FindingProposalForm, core_forms.ProfileForm,
    ]  # fmt: skip


MARKDOWN_FORM_FIELDS = {
    "CaseStudySubmissionForm": {"problem", "what_was_done", "implementation", "results",
                                "lessons", "transferability"},
    "PostForm": {"body"}, "ThreadForm": {"body"}, "PostEditForm": {"body"},
    "FindingProposalForm": {"abstract"},
}  # fmt: skip


def test_every_public_markdown_field_uses_the_editor():
    from core.fields import MarkdownField

    for form_class in _public_forms():
        model = getattr(getattr(form_class, "Meta", None), "model", None)
        names = set(MARKDOWN_FORM_FIELDS.get(form_class.__name__, ()))
        if model is not None:
            names |= {
                field.name
                for field in model._meta.get_fields()
                if isinstance(field, MarkdownField) and field.name in form_class.base_fields
            }
        assert names, form_class
        for name in names:
            widget = form_class.base_fields[name].widget
            assert isinstance(widget, MarkdownTextarea), f"{form_class.__name__}.{name}"
            assert _limit(form_class.base_fields[name]), f"{form_class.__name__}.{name}"


def _limit(field):
    return field.max_length or field.widget.attrs.get("maxlength")


def test_preview_endpoint_is_rate_limited_per_person(client, user, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "markdown_preview": "3/m/user"}
    client.force_login(user)
    statuses = [client.post(PREVIEW_URL, {"text": "*hi*"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
