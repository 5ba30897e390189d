"""Shared template includes other apps build on: forms, pagination, breadcrumbs, cards."""

import re

import pytest
from django import forms
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


class ExampleForm(forms.Form):
    title = forms.CharField(help_text="A short, specific title.")
    summary = forms.CharField(widget=forms.Textarea, required=False)
    country = forms.ChoiceField(choices=[("PK", "Pakistan"), ("NP", "Nepal")])
    role = forms.ChoiceField(
        choices=[("student", "Student"), ("faculty", "Faculty")], widget=forms.RadioSelect
    )
    consent = forms.BooleanField(label="I agree to the terms")
    attachment = forms.FileField(required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)


def test_form_field_links_help_text_and_errors_to_the_input():
    form = ExampleForm(data={"title": ""})
    form.is_valid()

    html = render_to_string("includes/form_field.html", {"field": form["title"]})

    assert '<label for="id_title" class="form-field__label">Title' in html
    assert '<span class="visually-hidden">(required)</span>' in html
    assert (
        '<div class="form-field__help" id="id_title_helptext">A short, specific title.</div>'
        in html
    )
    assert 'id="id_title_error"' in html and "This field is required." in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_title_helptext id_title_error"' in html
    assert "form-field--error" in html


def test_valid_field_has_no_error_markup():
    form = ExampleForm(initial={"title": "Queues"})

    html = render_to_string("includes/form_field.html", {"field": form["title"]})

    assert "aria-invalid" not in html
    assert "_error" not in html
    assert 'aria-describedby="id_title_helptext"' in html


def test_radio_choices_are_a_described_fieldset():
    form = ExampleForm(data={})
    form.is_valid()

    html = render_to_string("includes/form_field.html", {"field": form["role"]})

    assert re.search(r'<fieldset class="form-field__group" aria-describedby="id_role_error">', html)
    assert '<legend class="form-field__label">Role' in html
    assert 'type="radio"' in html


def test_checkbox_label_follows_the_box():
    form = ExampleForm()

    html = render_to_string("includes/form_field.html", {"field": form["consent"]})

    assert re.search(
        r'type="checkbox".*<label for="id_consent"[^>]*>I agree to the terms', html, re.S
    )


def test_whole_form_include_renders_every_field_and_an_error_summary():
    form = ExampleForm(data={"title": "", "token": "x"})
    form.is_valid()

    html = render_to_string("includes/form.html", {"form": form})

    assert 'role="alert"' in html
    for name in ("title", "summary", "country", "role", "consent", "attachment"):
        assert f'name="{name}"' in html
    assert '<textarea name="summary"' in html
    assert '<select name="country"' in html
    assert 'type="file" name="attachment"' in html
    assert 'type="hidden" name="token"' in html


@pytest.mark.parametrize(
    "query", ["?q=water&country=PK&country=NP&page=2", "?page=2&q=water&country=PK&country=NP"]
)
def test_pagination_keeps_other_query_parameters(query):
    request = RequestFactory().get(f"/search/{query}")
    page_obj = Paginator(list(range(100)), 10).page(2)

    html = render_to_string("includes/pagination.html", {"page_obj": page_obj, "request": request})

    assert "Page 2 of 10" in html
    assert 'href="?q=water&amp;country=PK&amp;country=NP&amp;page=1"' in html
    assert 'href="?q=water&amp;country=PK&amp;country=NP&amp;page=3"' in html
    assert 'aria-current="page"' in html
    assert html.count("page=2") == 0


def test_pagination_is_hidden_for_a_single_page():
    request = RequestFactory().get("/")
    page_obj = Paginator([1, 2], 10).page(1)

    html = render_to_string("includes/pagination.html", {"page_obj": page_obj, "request": request})

    assert html.strip() == ""


def test_breadcrumb_trail_for_non_page_views():
    html = render_to_string(
        "includes/breadcrumbs_trail.html",
        {"trail": [("Labs", "/labs/"), ("Punjab Policy Lab", "/labs/punjab/"), ("Members", "")]},
    )

    assert '<a href="/">Home</a>' in html
    # Labels may be titles people typed: each keeps its own direction.
    assert '<a href="/labs/"><bdi>Labs</bdi></a>' in html
    assert '<a href="/labs/punjab/"><bdi>Punjab Policy Lab</bdi></a>' in html
    assert '<span aria-current="page"><bdi>Members</bdi></span>' in html


def test_empty_state_with_action():
    html = render_to_string(
        "includes/empty_state.html",
        {
            "title": "No proposals yet",
            "text": "Be the first.",
            "action_url": "/new/",
            "action_label": "Write one",
        },
    )

    assert '<h2 class="empty-state__title">No proposals yet</h2>' in html
    assert "<p>Be the first.</p>" in html
    assert '<a class="button button--secondary" href="/new/">Write one</a>' in html


@pytest.mark.django_db
def test_page_card_prefers_card_summary_and_meta(home):
    about = home.get_children().get(slug="about").specific
    about.search_description = "Search description"
    about.card_meta = "Pakistan · 2025"
    about.card_summary = "A summary for cards."

    html = render_to_string("includes/page_card.html", {"item": about})

    assert '<p class="card__meta">Pakistan · 2025</p>' in html
    assert (
        '<h3 class="card__title" lang="en" dir="ltr"><a href="/about/">About Policy Lab Commons</a></h3>'
        in html
    )
    assert "A summary for cards." in html
    assert "Search description" not in html


@pytest.mark.django_db
def test_page_card_falls_back_to_search_description(home):
    about = home.get_children().get(slug="about").specific
    about.search_description = "Search description"

    html = render_to_string("includes/page_card.html", {"item": about, "heading_level": 2})

    assert '<p class="card__body" lang="en" dir="ltr">Search description</p>' in html
    assert '<h2 class="card__title" lang="en" dir="ltr">' in html
