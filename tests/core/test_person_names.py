"""How people are named wherever others' content mentions them."""

import pytest
from django.template import Context, Template

from core.services import account_delete
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def render(source: str, **context) -> str:
    return Template("{% load commons %}" + source).render(Context(context))


def test_person_link_links_public_profiles():
    user = PersonFactory(username="hamza", display_name="Hamza Tariq")
    assert render("{% person_link u %}", u=user) == '<a href="/people/hamza/">Hamza Tariq</a>'


def test_person_link_does_not_link_private_or_missing_profiles():
    private = PersonFactory(display_name="Nusrat Jahan", profile__is_public=False)
    no_profile = PersonFactory(display_name="Site Admin", profile=None)
    assert render("{% person_link u %}", u=private) == "Nusrat Jahan"
    assert render("{% person_link u %}", u=no_profile) == "Site Admin"


def test_names_are_escaped():
    user = PersonFactory(display_name="<script>x</script>")
    html = render("{% person_link u %} {{ u|person }}", u=user)
    assert "<script>" not in html
    assert html.count("&lt;script&gt;") == 2


def test_deleted_account_is_a_former_member_everywhere():
    user = PersonFactory(display_name="Priya Raman")
    account_delete(user=user)
    user.refresh_from_db()
    assert render("{% person_link u %} / {{ u|person }} / {{ u }}", u=user) == (
        "Former member / Former member / Former member"
    )


def test_no_person():
    assert render("{% person_link u %} {{ u|person }}", u=None) == "— —"
