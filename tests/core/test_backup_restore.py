"""Restore drill: back up the site while someone is writing, restore into a fresh database and
fresh folders, and find the same content, the same file bytes and search answering as before."""

import hashlib
import shutil
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection, connections
from wagtail.models import Page, Revision

from labs import services as labs_services
from labs.models import Post, ProjectSpace, SpaceFile
from search import service as search_service
from tests.labs.factories import SpaceWorld
from tests.search.factories import StandardPageFactory


def content_counts() -> dict:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "people": get_user_model().objects.count(),
        "spaces": ProjectSpace.objects.count(),
        "posts": Post.objects.count(),
        "files": SpaceFile.objects.count(),
    }


def file_checksums() -> dict:
    checksums = {}
    for setting in ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"):
        root = Path(getattr(settings, setting))
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            key = f"{setting}/{path.relative_to(root)}"
            checksums[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return checksums


def search_titles(text: str) -> list[str]:
    results = search_service.search(search_service.normalise_request(text=text))
    return [hit.title for hit in results.hits]


class Writer(threading.Thread):
    """Someone posting replies, one after another, for as long as the backup runs."""

    def __init__(self, world):
        super().__init__(daemon=True)
        self.world, self.stop, self.written, self.errors = world, threading.Event(), 0, []

    def run(self):
        try:
            while not self.stop.is_set():
                labs_services.post_create(
                    thread=self.world.thread, author=self.world.member, body=f"Live {self.written}"
                )
                self.written += 1
        except Exception as error:  # noqa: BLE001 - reported by the test
            self.errors.append(error)
        finally:
            connections.close_all()


def use_fresh_place(tmp_path, settings) -> None:
    connection.close()
    connection.settings_dict["NAME"] = str(tmp_path / "fresh.sqlite3")
    settings.MEDIA_ROOT = str(tmp_path / "fresh-media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "fresh-private")


def test_restore_drill_on_sqlite(file_database, home, tmp_path, settings):
    world = SpaceWorld()
    StandardPageFactory(
        parent=home, title="Water governance in Sindh", body_text="Canal irrigation reform."
    )
    default_storage.save("documents/annual-report.pdf", ContentFile(b"%PDF-1.4 public report"))
    counts, checksums = content_counts(), file_checksums()
    titles = search_titles("water")
    assert titles == ["Water governance in Sindh"]
    assert any(key.startswith("PRIVATE_MEDIA_ROOT/") for key in checksums)
    assert any(key.startswith("MEDIA_ROOT/") for key in checksums)

    writer = Writer(world)
    writer.start()
    while writer.written < 3 and writer.is_alive():
        threading.Event().wait(0.01)
    archive = tmp_path / "backups" / "site.tar.gz"
    call_command("backup", str(archive))
    writer.stop.set()
    writer.join(timeout=60)
    assert not writer.errors, writer.errors
    assert writer.written >= 3
    posts_after = Post.objects.count()

    use_fresh_place(tmp_path, settings)
    call_command("restore", str(archive))

    restored = content_counts()
    # The snapshot is one moment of the writer's work: all of it before, none of it after.
    assert counts["posts"] + 3 <= restored.pop("posts") <= posts_after
    counts.pop("posts")
    assert restored == counts
    assert file_checksums() == checksums
    assert search_titles("water") == titles
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA integrity_check")
        assert cursor.fetchone()[0] == "ok"


def test_restore_refuses_a_database_that_is_not_empty(file_database, home, tmp_path):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))


def test_restore_refuses_a_damaged_backup(file_database, home, tmp_path, settings):
    default_storage.save("documents/report.pdf", ContentFile(b"%PDF-1.4 original"))
    folder = tmp_path / "backup-folder"
    call_command("backup", str(folder))
    (folder / "media" / "documents" / "report.pdf").write_bytes(b"%PDF-1.4 tampered")
    use_fresh_place(tmp_path, settings)
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(folder))
    assert not Path(settings.MEDIA_ROOT).exists() or not any(Path(settings.MEDIA_ROOT).iterdir())


@pytest.fixture
def postgres_with_pg_dump(transactional_db, django_db_serialized_rollback):
    if connection.vendor != "postgresql" or shutil.which("pg_dump") is None:
        pytest.skip("needs DATABASE_URL=postgres://… and pg_dump on PATH")


@pytest.mark.postgres
def test_restore_drill_on_postgresql(postgres_with_pg_dump, home, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    world = SpaceWorld()
    StandardPageFactory(parent=home, title="Water governance in Sindh")
    counts, checksums = content_counts(), file_checksums()
    writer = Writer(world)
    writer.start()
    while writer.written < 3 and writer.is_alive():
        threading.Event().wait(0.01)
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive))
    writer.stop.set()
    writer.join(timeout=60)
    assert not writer.errors, writer.errors
    posts_after = Post.objects.count()

    original = connection.settings_dict["NAME"]
    fresh = f"{original}_restore_drill"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        cursor.execute(f'CREATE DATABASE "{fresh}"')
    try:
        connection.close()
        connection.settings_dict["NAME"] = fresh
        settings.MEDIA_ROOT = str(tmp_path / "fresh-media")
        settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "fresh-private")
        call_command("restore", str(archive))
        restored = content_counts()
        assert counts["posts"] + 3 <= restored.pop("posts") <= posts_after
        counts.pop("posts")
        assert restored == counts
        assert file_checksums() == checksums
        assert search_titles("water") == ["Water governance in Sindh"]
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original
        with connection.cursor() as cursor:
            # FORCE: the search engine's side connection may still be open on it.
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
