"""A write lock held longer than the busy timeout answers "busy, try again" (503, Retry-After)
and re-shows what the person typed, instead of a bare 500."""

import subprocess
import sys
import time

import pytest
from django.db import connection
from django.db.utils import OperationalError

from core.middleware import database_busy
from tests.knowledge.factories import CaseStudyPageFactory
from tests.labs.factories import SpaceWorld

HOLD_WRITE_LOCK = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def short_busy_timeout(file_database):
    """Writers give up after 0.2 s instead of the configured busy timeout."""
    connection.close()
    connection.settings_dict["OPTIONS"] = {**connection.settings_dict["OPTIONS"], "timeout": 0.2}
    return file_database


@pytest.fixture
def write_lock(short_busy_timeout):
    holder = subprocess.Popen(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", HOLD_WRITE_LOCK, str(short_busy_timeout)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        yield
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)


def test_a_reply_sent_while_the_database_is_locked_is_kept_on_a_busy_page(
    client, home, file_database, request
):
    world = SpaceWorld()
    client.force_login(world.member)
    typed = "My long reply about <district> data & budgets"
    request.getfixturevalue("write_lock")
    started = time.monotonic()
    response = client.post(world.thread.get_absolute_url(), {"body": typed, "extra": "kept"})
    assert time.monotonic() - started < 5
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    html = response.content.decode()
    assert "busy" in html.lower()
    assert 'name="body"' in html
    assert "My long reply about &lt;district&gt; data &amp; budgets" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "Try again" in html
    assert f'action="{world.thread.get_absolute_url()}"' in html


def test_a_page_read_while_the_database_is_locked_still_works(client, home, file_database, request):
    world = SpaceWorld()
    client.force_login(world.member)
    request.getfixturevalue("write_lock")
    assert client.get(world.thread.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "message,busy",
    [
        ("database is locked", True),
        ("database table is locked", True),
        ("no such table: core_user", False),
    ],
)
def test_which_sqlite_errors_mean_busy(message, busy):
    assert database_busy(OperationalError(message)) is busy


def test_postgresql_lock_and_serialization_errors_mean_busy():
    from psycopg import errors

    for cause in (errors.LockNotAvailable, errors.SerializationFailure, errors.QueryCanceled):
        wrapped = OperationalError("canceling statement")
        wrapped.__cause__ = cause()
        assert database_busy(wrapped)
    other = OperationalError("connection refused")
    assert not database_busy(other)


@pytest.fixture
def held_write_lock(file_database):
    """Another process holds the database's write lock (BEGIN IMMEDIATE) until the test ends."""
    holder = subprocess.Popen(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", HOLD_WRITE_LOCK, str(file_database)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        yield
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)


@pytest.mark.parametrize("path", ["/search/?q=registration", "/knowledge/"])
def test_a_search_backed_page_answers_while_another_connection_writes(
    client, home, file_database, request, path
):
    """Reads take no write lock: publishing (or any writer) must not queue the search pages."""
    CaseStudyPageFactory(title="Land registration help desks")
    connection.close()
    connection.settings_dict["OPTIONS"] = {**connection.settings_dict["OPTIONS"], "timeout": 3}
    request.getfixturevalue("held_write_lock")
    started = time.monotonic()
    response = client.get(path)
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert "help desks" in response.content.decode()  # the search highlights "registration"
    assert elapsed < 1.5
