"""Public pages offer a plain "Edit this page" link to those who may edit them, not Wagtail's userbar.

The userbar (1.3 MB of admin CSS and JavaScript and an accessibility checker painting markers
over the page) loaded on every public page for moderators and lab leads. It stays in the
editor's preview, where its checks belong.
"""

import pytest
from django.urls import reverse

from knowledge.models import KnowledgeIndexPage
from tests.factories import PersonFactory
from tests.labs.factories import LabPageFactory

pytestmark = pytest.mark.django_db

USERBAR = "<wagtail-userbar"
EDIT_LINK = "Edit this page"


@pytest.fixture
def editor(home):
    return PersonFactory(moderator=True)


@pytest.fixture
def lead_and_labs(home):
    lead = PersonFactory()
    own = LabPageFactory(title="Own Lab", lead=lead)
    other = LabPageFactory(title="Other Lab", lead=PersonFactory())
    return lead, own, other


def edit_link(page) -> str:
    return f'href="{reverse("wagtailadmin_pages:edit", args=[page.pk])}"'


def test_an_editor_gets_a_plain_edit_link_and_no_userbar(client, editor):
    knowledge = KnowledgeIndexPage.objects.get()
    client.force_login(editor)

    html = client.get("/knowledge/").content.decode()

    assert USERBAR not in html
    assert "wagtailadmin/" not in html
    assert edit_link(knowledge) in html
    assert EDIT_LINK in html


def test_a_student_sees_no_edit_link(client, user, home):
    client.force_login(user)

    html = client.get("/knowledge/").content.decode()

    assert EDIT_LINK not in html
    assert "/admin/" not in html
    assert USERBAR not in html


def test_a_lab_lead_may_edit_their_own_lab_page_only(client, lead_and_labs):
    lead, own, other = lead_and_labs
    client.force_login(lead)

    own_html = client.get(own.url).content.decode()
    assert edit_link(own) in own_html
    assert USERBAR not in own_html

    for page in (other, KnowledgeIndexPage.objects.get()):
        html = client.get(page.url).content.decode()
        assert EDIT_LINK not in html, page.url
        assert edit_link(page) not in html
        assert USERBAR not in html


def test_pages_that_are_not_wagtail_pages_offer_no_edit_link(client, editor):
    client.force_login(editor)

    html = client.get(reverse("core:dashboard")).content.decode()

    assert EDIT_LINK not in html
    assert USERBAR not in html


def test_the_editors_preview_keeps_the_userbar_for_its_checks(client, editor):
    knowledge = KnowledgeIndexPage.objects.get()
    client.force_login(editor)

    html = client.get(
        reverse("wagtailadmin_pages:view_draft", args=[knowledge.pk])
    ).content.decode()

    assert USERBAR in html
