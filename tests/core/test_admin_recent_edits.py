"""The Wagtail dashboard's "Your most recent edits" reads the edited pages' translations once for
the panel: the link to an edit's live page in another language than the editor's looked them
up alone, two queries an edit (48 queries on the demo's dashboard against 38 at 30x)."""

import pytest

from tests.factories import PersonFactory
from tests.knowledge.factories import CaseStudyPageFactory
from tests.queries import queries_of
from tests.site.test_page_translations import translate

pytestmark = pytest.mark.django_db


def _edit(page, editor):
    page.title = f"{page.title} (edited)"
    page.save_revision(user=editor, log_action=True).publish()


def test_recent_edits_cost_the_same_when_edits_are_in_other_languages(client, home):
    editor = PersonFactory(is_superuser=True, is_staff=True)
    client.force_login(editor)
    english = [CaseStudyPageFactory(title=f"Case {n}") for n in range(5)]
    for page in english:
        _edit(page, editor)
    only_english = queries_of(client, "/admin/")

    for page, code in zip(english[:3], ("ur", "bn", "ne"), strict=True):
        _edit(translate(page, code, title=f"{page.title} {code}"), editor)
    html = client.get("/admin/").content.decode()
    assert "Case 0 (edited) ur" in html
    assert queries_of(client, "/admin/") == only_english
