import pytest

from tests.labs.factories import SpaceWorld


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def world(home):
    return SpaceWorld()


@pytest.fixture(autouse=True)
def on_commit_runs_at_once(monkeypatch):
    """Tests run inside one transaction that never commits; emails queued for "after commit"
    are sent straight away instead so tests can read ``mail.outbox``."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())
