import sqlite3

import pytest
from django.db import connection


@pytest.fixture
def file_database(transactional_db, django_db_serialized_rollback, home, tmp_path, settings):
    """Move the (in-memory) SQLite test database to a file, as in production, so that another
    process can lock it or a backup can copy it; put everything back afterwards."""
    if connection.vendor != "sqlite":
        pytest.skip("this test works on an SQLite database file")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    path = tmp_path / "site.sqlite3"
    connection.ensure_connection()
    memory, saved = connection.connection, dict(connection.settings_dict)
    with sqlite3.connect(path) as target:
        memory.backup(target)
    target.close()
    connection.connection = None
    connection.settings_dict["NAME"] = str(path)
    yield path
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)
    connection.connection = memory
