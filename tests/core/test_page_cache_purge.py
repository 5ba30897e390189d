"""When the page cache's generation changes: after the commit, once per transaction."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import caches

from core.page_cache import page_cache_generation, page_cache_purge_on_commit
from network.models import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_generation():
    caches["page-generation"].clear()


def test_a_write_purges_only_once_its_transaction_commits(django_capture_on_commit_callbacks):
    before = page_cache_generation()
    with django_capture_on_commit_callbacks() as callbacks:
        Theme.objects.create(name="Water governance", slug="water-governance")
        page_cache_purge_on_commit()
        assert page_cache_generation() == before
    assert len(callbacks) == 1  # one purge for the whole transaction
    callbacks[0]()
    assert page_cache_generation() != before


def test_writes_no_reader_sees_do_not_purge(django_capture_on_commit_callbacks, user):
    with django_capture_on_commit_callbacks() as callbacks:
        SessionStore().create()
        user.last_login = user.date_joined
        user.save(update_fields=["last_login"])
    assert callbacks == []
