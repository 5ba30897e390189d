"""A moderator finds the search index report in the admin and retries the pending writes."""

import pytest
from django.utils import timezone

from search.models import SearchPendingWrite
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "commons-demo-2026"


def test_a_moderator_retries_pending_writes_while_elasticsearch_is_down(
    page, live_server, live_home, login, settings
):
    settings.ELASTICSEARCH_URL = "http://search-user:pw12345@127.0.0.1:1"
    moderator = PersonFactory(moderator=True, email="moderator@example.org")
    moderator.set_password(PASSWORD)
    moderator.save()
    SearchPendingWrite.objects.create(
        page_id=live_home.pk, failed_at=timezone.now(), error="ConnectionError <script>x</script>"
    )
    login(page, live_server, "moderator@example.org", PASSWORD)

    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("button", name="Reports").click()
    page.get_by_role("link", name="Search index").click()
    page.wait_for_url("**/admin/reports/search-index/")
    assert "127.0.0.1:1 is not reachable" in page.inner_text("main")
    row = page.get_by_role("row", name=live_home.title)
    assert "ConnectionError <script>x</script>" in row.inner_text()  # shown as text, not run
    assert "pw12345" not in page.content()

    page.get_by_role("button", name="Retry now").click()
    page.wait_for_load_state()
    assert "Elasticsearch is still unavailable: 1 page stays recorded" in page.inner_text("body")
    assert SearchPendingWrite.objects.get(page_id=live_home.pk).attempts == 2
