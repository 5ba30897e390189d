"""The "Search index" report in the Wagtail admin (Reports menu) and honest retry bookkeeping.

Moderators (the "Moderators" group) and superusers see which engine answers searches, how many
documents each index holds and the pending Elasticsearch writes, and can retry them; anyone
else with admin access gets Wagtail's permission-denied redirect, anonymous people the login.
A retry that fails again counts as one more failed attempt on each page it could not write.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.moderation import moderators_group_ensure
from search import admin_views, service, status
from search.engines.elastic.errors import SearchUnavailable
from search.models import SearchDocument, SearchPendingWrite
from tests.factories import PersonFactory
from tests.search.factories import StandardPageFactory
from tests.search.test_freshness_pending import RecordingElasticsearch

pytestmark = pytest.mark.django_db

URL_NAME = "search_admin_index_status"
PASSWORD = "s3cret-Pa55word"


@pytest.fixture
def url():
    return reverse(URL_NAME)


@pytest.fixture
def embedded_only(settings):
    settings.SEARCH_ENGINE = "embedded"
    settings.ELASTICSEARCH_URL = ""


@pytest.fixture
def unreachable_elasticsearch(settings, monkeypatch):
    settings.SEARCH_ENGINE = "elasticsearch"
    settings.ELASTICSEARCH_URL = f"http://search-user:{PASSWORD}@127.0.0.1:1"
    settings.ELASTICSEARCH_TIMEOUT = 1
    # No cool-down: these tests are about pending writes when the cluster comes back, not about
    # the circuit breaker (tests/search/test_circuit_breaker.py).
    settings.ELASTICSEARCH_COOLDOWN = 0
    monkeypatch.setattr(service, "after_commit", lambda callback: callback())


class ReachableElasticsearch(RecordingElasticsearch):
    """A cluster that is back (see test_freshness_pending): records what it is sent."""

    label = "Elasticsearch"

    def document_count(self):
        return len(self.documents)


@pytest.fixture
def reachable_elasticsearch(settings, monkeypatch):
    settings.SEARCH_ENGINE = "elasticsearch"
    settings.ELASTICSEARCH_URL = f"https://search-user:{PASSWORD}@search.example.org:9200"
    cluster = ReachableElasticsearch()
    monkeypatch.setattr(service, "elasticsearch_engine", lambda: cluster)
    monkeypatch.setattr(service, "after_commit", lambda callback: callback())
    return cluster


@pytest.fixture
def moderator(home):
    """A member of the "Moderators" group (not a superuser): the site editors' role."""
    return PersonFactory(moderator=True)


@pytest.fixture
def admin_user_without_role(home):
    """Someone with Wagtail admin access (a lab lead editing their lab) but not a moderator."""
    return PersonFactory(editor=True)


def pending(page_id, *, attempts=1, error="ConnectionError: refused", minutes_ago=5):
    return SearchPendingWrite.objects.create(
        page_id=page_id,
        failed_at=timezone.now() - timedelta(minutes=minutes_ago),
        attempts=attempts,
        error=error,
    )


def assert_denied(response):
    """Wagtail's usual answer to an admin user without the permission: back to the dashboard."""
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


# --- who may see it -----------------------------------------------------------------------------


def test_anonymous_is_sent_to_the_login_page(client, home, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=" in response["Location"]


def test_anonymous_cannot_retry(client, home, url, unreachable_elasticsearch):
    record = pending(home.pk)
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    record.refresh_from_db()
    assert record.attempts == 1


def test_a_signed_in_person_without_admin_access_is_turned_away(client, user, home, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_an_admin_user_who_is_not_a_moderator_is_denied(
    client, admin_user_without_role, url, embedded_only
):
    client.force_login(admin_user_without_role)
    # Admin access itself works: the refusal is about this screen.
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    response = client.get(url)
    assert_denied(response)
    followed = client.get(response["Location"])
    assert "you do not have permission" in followed.content.decode()


def test_an_admin_user_who_is_not_a_moderator_cannot_retry(
    client, admin_user_without_role, url, reachable_elasticsearch
):
    pending(987_654)
    client.force_login(admin_user_without_role)
    assert_denied(client.post(url))
    assert SearchPendingWrite.objects.filter(page_id=987_654).exists()
    assert not reachable_elasticsearch.deleted


def test_a_moderators_group_member_sees_the_report(client, moderator, url, embedded_only):
    client.force_login(moderator)
    response = client.get(url)
    assert response.status_code == 200
    assert "Search index" in response.content.decode()


def test_a_superuser_sees_the_report(client, home, url, embedded_only):
    client.force_login(PersonFactory(superuser=True))
    assert client.get(url).status_code == 200


def test_removing_the_moderator_role_takes_effect_on_the_next_request(
    client, moderator, url, embedded_only
):
    client.force_login(moderator)
    assert client.get(url).status_code == 200
    moderator.groups.remove(moderators_group_ensure())
    # Group membership alone gave admin access, so without it the admin turns the person away.
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_reports_menu_offers_it_to_moderators_only(
    client, moderator, admin_user_without_role, url, embedded_only
):
    client.force_login(moderator)
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(admin_user_without_role)
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_retry_needs_the_csrf_token(moderator, url, unreachable_elasticsearch):
    record = pending(987_654)
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)
    assert client.post(url).status_code == 403
    record.refresh_from_db()
    assert record.attempts == 1
    form = client.get(url).content.decode()
    assert 'name="csrfmiddlewaretoken"' in form


# --- what it shows ------------------------------------------------------------------------------


def test_counts_with_the_embedded_engine_only(client, moderator, home, url, embedded_only):
    StandardPageFactory(parent=home, title="Water governance in Sindh")
    StandardPageFactory(parent=home, title="Flood relief cash transfers")
    indexed = SearchDocument.objects.count()
    assert indexed >= 2
    client.force_login(moderator)
    html = client.get(url).content.decode()
    label = service.embedded_engine().label
    assert f"<dd data-search-answering>{label}</dd>" in html
    assert f"{indexed} documents" in html
    assert "Not configured" in html
    assert "Nothing is waiting" in html
    assert "data-search-retry" not in html


def test_the_pending_row_links_the_page_and_escapes_the_error(
    client, moderator, home, url, unreachable_elasticsearch
):
    page = StandardPageFactory(parent=home, title="Water governance in Sindh")
    SearchPendingWrite.objects.filter(page_id=page.pk).update(
        attempts=3, error="<script>alert('x')</script> ConnectionError"
    )
    pending(987_654, attempts=2, minutes_ago=60)  # a page deleted since
    client.force_login(moderator)
    html = client.get(url).content.decode()
    assert "Water governance in Sindh" in html
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html
    assert "Deleted page (id 987654)" in html
    assert "&lt;script&gt;alert(" in html
    assert "<script>alert(" not in html
    assert "Pending Elasticsearch writes: 2" in html
    assert "data-search-retry" in html
    assert "Nothing is waiting" not in html


def test_an_unreachable_cluster_shows_its_host_never_its_password(
    client, moderator, url, unreachable_elasticsearch
):
    client.force_login(moderator)
    html = client.get(url).content.decode()
    assert "127.0.0.1:1 is not reachable" in html
    assert PASSWORD not in html and "search-user" not in html
    # Searches fall back to the embedded engine meanwhile.
    assert f"<dd data-search-answering>{service.embedded_engine().label}</dd>" in html


def test_a_reachable_cluster_answers_searches(
    client, moderator, home, url, reachable_elasticsearch
):
    StandardPageFactory(parent=home, title="Water governance in Sindh")
    client.force_login(moderator)
    html = client.get(url).content.decode()
    assert "<dd data-search-answering>Elasticsearch</dd>" in html
    assert "search.example.org:9200 is reachable: 1 document" in html
    assert PASSWORD not in html


def test_the_table_is_paginated(client, moderator, url, unreachable_elasticsearch, monkeypatch):
    monkeypatch.setattr(admin_views.SearchIndexReportView, "paginate_by", 2)
    for n in range(3):
        pending(900_000 + n, minutes_ago=10 - n)
    client.force_login(moderator)
    first = client.get(url).content.decode()
    assert "Page 1 of 2" in first
    assert "Deleted page (id 900000)" in first and "Deleted page (id 900002)" not in first
    second = client.get(url, {"p": 2}).content.decode()
    assert "Deleted page (id 900002)" in second


def test_an_error_quoting_the_url_is_shown_without_the_password(
    client, moderator, url, unreachable_elasticsearch
):
    pending(900_001, error=f"cannot reach http://search-user:{PASSWORD}@127.0.0.1:1")
    client.force_login(moderator)
    html = client.get(url).content.decode()
    assert "cannot reach" in html and PASSWORD not in html


# --- retry now ----------------------------------------------------------------------------------


def test_retry_while_elasticsearch_is_down_keeps_the_record_and_counts_the_attempt(
    client, moderator, home, url, unreachable_elasticsearch
):
    page = StandardPageFactory(parent=home, title="Water governance in Sindh")
    record = SearchPendingWrite.objects.get(page_id=page.pk)
    SearchPendingWrite.objects.filter(pk=record.pk).update(
        failed_at=timezone.now() - timedelta(hours=1), error="old error"
    )
    client.force_login(moderator)
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == url
    html = client.get(url).content.decode()
    assert "Elasticsearch is still unavailable: 1 page stays recorded" in html
    updated = SearchPendingWrite.objects.get(page_id=page.pk)
    assert updated.attempts == record.attempts + 1
    assert updated.error != "old error"
    assert updated.failed_at > timezone.now() - timedelta(minutes=1)


def test_retry_once_elasticsearch_is_back_writes_and_forgets(
    client, moderator, home, url, unreachable_elasticsearch, monkeypatch
):
    page = StandardPageFactory(parent=home, title="Water governance in Sindh")
    pending(987_654)  # deleted since: removed from Elasticsearch
    assert SearchPendingWrite.objects.count() == 2
    cluster = ReachableElasticsearch()
    monkeypatch.setattr(service, "elasticsearch_engine", lambda: cluster)
    client.force_login(moderator)
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == url
    html = client.get(url).content.decode()
    assert "2 of 2 pending pages written to Elasticsearch." in html
    assert "Nothing is waiting" in html
    assert not SearchPendingWrite.objects.exists()
    assert cluster.documents[page.pk].title == "Water governance in Sindh"
    assert 987_654 in cluster.deleted


def test_retry_without_elasticsearch_configured_says_so(client, moderator, url, embedded_only):
    record = pending(987_654)
    client.force_login(moderator)
    response = client.post(url, follow=True)
    assert "Elasticsearch is not configured" in response.content.decode()
    record.refresh_from_db()
    assert record.attempts == 1


# --- bookkeeping (search.service) ---------------------------------------------------------------


def test_a_failed_retry_counts_one_more_attempt(home, unreachable_elasticsearch):
    page = StandardPageFactory(parent=home, title="Water governance in Sindh")
    SearchPendingWrite.objects.filter(page_id=page.pk).update(
        failed_at=timezone.now() - timedelta(hours=1), error="old error"
    )
    with pytest.raises(SearchUnavailable):
        service.pending_writes_retry()
    record = SearchPendingWrite.objects.get(page_id=page.pk)
    assert record.attempts == 2
    assert record.error != "old error"
    assert record.failed_at > timezone.now() - timedelta(minutes=1)


def test_a_failed_publish_of_a_pending_page_counts_one_more_attempt(
    home, unreachable_elasticsearch
):
    page = StandardPageFactory(parent=home, title="Water governance in Sindh")
    SearchPendingWrite.objects.filter(page_id=page.pk).update(
        failed_at=timezone.now() - timedelta(hours=1), error="old error"
    )
    page.save_revision().publish()
    record = SearchPendingWrite.objects.get(page_id=page.pk)
    assert record.attempts == 2
    assert record.error != "old error"
    assert record.failed_at > timezone.now() - timedelta(minutes=1)


class FailsOnDelete(ReachableElasticsearch):
    """Writes documents, then goes down before the removals."""

    def delete(self, page_ids):
        if page_ids:
            raise SearchUnavailable("went away")


def test_a_retry_failing_half_way_forgets_what_it_wrote_and_counts_the_rest(
    home, unreachable_elasticsearch, monkeypatch
):
    page = StandardPageFactory(parent=home, title="Water governance in Sindh")
    pending(987_654)  # deleted since: its removal is what fails
    cluster = FailsOnDelete()
    monkeypatch.setattr(service, "elasticsearch_engine", lambda: cluster)
    with pytest.raises(SearchUnavailable):
        service.pending_writes_retry()
    assert page.pk in cluster.documents
    assert not SearchPendingWrite.objects.filter(page_id=page.pk).exists()
    record = SearchPendingWrite.objects.get(page_id=987_654)
    assert (record.attempts, record.error) == (2, "went away")


def test_a_successful_write_whose_backlog_retry_fails_counts_the_backlog(
    home, unreachable_elasticsearch, monkeypatch
):
    missed = StandardPageFactory(parent=home, title="Water governance in Sindh")
    pending(987_654)
    cluster = FailsOnDelete()
    monkeypatch.setattr(service, "elasticsearch_engine", lambda: cluster)
    StandardPageFactory(
        parent=home, title="An unrelated page"
    )  # written; the backlog retry then fails
    assert not SearchPendingWrite.objects.filter(page_id=missed.pk).exists()
    assert SearchPendingWrite.objects.get(page_id=987_654).attempts == 2


def test_redaction_covers_any_url_and_spares_text_when_the_password_is_short(settings):
    settings.ELASTICSEARCH_URL = "http://elastic:ou@search.example.org:9200"
    text = "ConnectionError(https://elastic:ou@search.example.org:9200) caused by a timeout"
    redacted = status.redact_credentials(text)
    assert "elastic:ou@" not in redacted and "https://***@search.example.org" in redacted
    assert "caused by a timeout" in redacted  # a two-letter password does not garble words
