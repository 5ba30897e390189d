"""The pages an institution needs: About, Contact, Privacy, Terms, Accessibility and Licence.

They are ordinary Wagtail pages editors can change, seeded by the demo, public, listed in the
sitemap and linked from every page's footer. The contact form emails the site's editors.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

PAGES = {
    "/about/": ("About Policy Lab Commons", ["How the platform works", "Who runs it"]),
    "/contact/": ("Contact us", []),
    "/privacy/": (
        "Privacy notice",
        [
            "What we store",
            "Who can see what",
            "How long we keep it",
            "Exporting or deleting your data",
            "Privacy requests",
        ],
    ),
    "/terms/": ("Terms of use", ["What you agree to when you contribute"]),
    "/accessibility/": (
        "Accessibility statement",
        ["Known limitations", "Reporting a problem"],
    ),
    "/licence/": ("Licence", ["Case studies and findings", "The rest of the site"]),
}


@pytest.fixture
def institution(home):
    from policylab_site.demo import seed_institution_pages

    return seed_institution_pages(home=home)


@pytest.fixture
def editors(db):
    """Two moderators (one by group, one superuser) and a person who is neither."""
    group_member = PersonFactory(email="moderator@example.org", moderator=True)
    superuser = PersonFactory(email="root@example.org", superuser=True)
    PersonFactory(email="someone@example.org")
    return [group_member, superuser]


def headings(html: str, level: int) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", text).strip()
        for text in re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", html, re.S)
    ]


@pytest.mark.parametrize("path", PAGES)
def test_each_page_is_public_with_its_heading_and_sections(client, institution, path):
    title, sections = PAGES[path]
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert headings(html, 1) == [title]
    for section in sections:
        assert section in headings(html, 2), (path, section)


def test_seeding_twice_changes_nothing(institution, home):
    from policylab_site.demo import seed_institution_pages
    from policylab_site.models import StandardPage

    count = StandardPage.objects.count()
    seed_institution_pages(home=home)
    assert StandardPage.objects.count() == count


def test_the_privacy_notice_links_account_deletion_and_the_contact_page(client, institution):
    html = client.get("/privacy/").content.decode()
    assert f'href="{reverse("core:account_delete")}"' in html
    assert 'href="/contact/"' in html


def test_every_page_links_the_institution_pages_from_its_footer(client, institution):
    html = client.get("/knowledge/").content.decode()
    footer = re.search(r"<footer.*?</footer>", html, re.S).group(0)
    for path in PAGES:
        assert f'href="{path}"' in footer, path
    assert "under their own terms" not in footer
    assert re.search(r'<a href="/licence/">[^<]+</a>', footer)


def test_the_sitemap_lists_the_institution_pages(client, institution):
    body = client.get("/sitemap.xml").content.decode()
    for path in PAGES:
        assert f"http://testserver{path}</loc>" in body, path


def contact_form(**changes):
    data = {
        "name": "Amina Khan",
        "email": "amina@example.org",
        "message": "Could our district office join the network?",
    }
    data.update(changes)
    return data


def test_the_contact_form_emails_the_editors_once_after_commit(
    client, institution, editors, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post("/contact/", contact_form())
        assert mail.outbox == []  # nothing leaves before the transaction commits
    assert len(callbacks) == 1
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thank you" in html
    (email,) = mail.outbox
    assert sorted(email.to) == ["moderator@example.org", "root@example.org"]
    assert email.reply_to == ["amina@example.org"]
    assert "Could our district office join the network?" in email.body
    assert "Amina Khan" in email.body


def test_an_invalid_contact_form_keeps_what_was_typed(
    client, institution, editors, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/contact/", contact_form(email="not-an-address"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Could our district office join the network?" in html
    assert 'value="Amina Khan"' in html
    assert "Enter a valid email address" in html
    assert mail.outbox == []


def test_a_filled_honeypot_looks_sent_but_sends_nothing(
    client, institution, editors, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/contact/", contact_form(website="http://spam.example"))
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    assert mail.outbox == []


def test_the_contact_form_is_rate_limited(client, institution, editors):
    statuses = [client.post("/contact/", contact_form()).status_code for _ in range(6)]
    assert statuses[:5] == [200] * 5
    assert statuses[5] == 429


def test_the_contact_form_shows_its_fields_and_hides_the_honeypot(client, institution):
    html = client.get("/contact/").content.decode()
    for name in ("name", "email", "message"):
        assert f'name="{name}"' in html
    trap = re.search(r'<div class="form__trap[^"]*"[^>]*>.*?</div>', html, re.S).group(0)
    assert 'name="website"' in trap
    assert 'tabindex="-1"' in trap and 'autocomplete="off"' in trap
