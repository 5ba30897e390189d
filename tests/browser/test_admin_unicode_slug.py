"""The Wagtail admin proposes a slug that keeps the title's script, vowel signs included.

Wagtail's own slug controller keeps only letters and digits, so the title "किसान भविष्य"
proposed "कसन-भवषय" (core/static/core/admin_slugs.js replaces it).
"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import DEFAULT_PASSWORD, PersonFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_slug_proposed_from_a_hindi_title_keeps_its_vowel_signs(page, live_server, live_home):
    from knowledge.models import KnowledgeIndexPage

    admin = PersonFactory(superuser=True)
    index = KnowledgeIndexPage.objects.get()
    log_in(page, live_server, admin.email, DEFAULT_PASSWORD)

    page.goto(f"/admin/pages/add/knowledge/casestudypage/{index.pk}/")
    title = page.locator("#id_title")
    title.fill("किसान भविष्य: 2019")
    title.blur()

    # Wagtail copies the title into the slug field a moment after typing stops.
    expect(page.locator("#id_slug")).to_have_value("किसान-भविष्य-2019")
