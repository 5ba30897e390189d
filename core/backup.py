"""Backing up and restoring the platform: database, public media and private media.

A backup is a folder (or a ``.tar.gz`` of one) holding:

- ``database.sqlite3`` (SQLite's online backup API: one consistent snapshot even while the site
  writes) or ``database.pgdump`` (``pg_dump --format=custom``, a consistent snapshot too);
- ``media/`` and ``private-media/``: copies of MEDIA_ROOT and PRIVATE_MEDIA_ROOT, taken *after*
  the database, so every file the snapshot refers to is there;
- ``manifest.json``: the database kind and the SHA-256 of every file, checked on restore.

The search index is not backed up: ``restore`` rebuilds it from the restored database.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

MANIFEST = "manifest.json"
FORMAT_VERSION = 1
FILE_TREES = {"media": "MEDIA_ROOT", "private-media": "PRIVATE_MEDIA_ROOT"}
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _files_under(root: Path) -> Iterator[Path]:
    for folder, _dirs, names in os.walk(root):
        for name in sorted(names):
            yield Path(folder) / name


# --- backup -------------------------------------------------------------------------------------


def backup_create(*, target: Path, using: str = "default") -> dict:
    """Write a backup to ``target`` (a new folder, or a path ending in ``.tar.gz``).

    Returns the manifest.
    """
    target = Path(target)
    if target.exists():
        raise BackupError(f"{target} already exists: choose a new folder or archive name.")
    archive = target.name.endswith(".tar.gz")
    with tempfile.TemporaryDirectory(prefix="policylab-backup-") as scratch:
        folder = Path(scratch) / "backup" if archive else target
        folder.mkdir(parents=True)
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database": _database_dump(folder, using),
            "files": {},
        }
        # After the database: a file created meanwhile is extra, never missing.
        for name, setting in FILE_TREES.items():
            manifest["files"].update(_copy_tree(Path(getattr(settings, setting)), folder / name))
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
        if archive:
            target.parent.mkdir(parents=True, exist_ok=True)
            with tarfile.open(target, "w:gz") as tar:
                tar.add(folder, arcname="backup")
    return manifest


def _database_dump(folder: Path, using: str) -> dict:
    connection = connections[using]
    if connection.vendor == "sqlite":
        path = folder / "database.sqlite3"
        source = connection.get_new_connection(connection.get_connection_params())
        try:
            with sqlite3.connect(path) as copy:
                # One step (pages=-1): the whole database as of one moment, writers or not.
                source.backup(copy)
            copy.close()
        finally:
            source.close()
        return {"vendor": "sqlite", "file": path.name, "sha256": sha256_of(path)}
    if connection.vendor == "postgresql":
        path = folder / "database.pgdump"
        _postgres_tool(
            "pg_dump",
            # No comments: an extension's comment (RUM's) belongs to the superuser who created
            # it, and restoring it as the site's role fails.
            ["--format=custom", "--no-owner", "--no-acl", "--no-comments", f"--file={path}"],
            connection.settings_dict,
        )
        return {"vendor": "postgresql", "file": path.name, "sha256": sha256_of(path)}
    raise BackupError(f"Backing up a {connection.vendor} database is not supported.")


def _copy_tree(source: Path, destination: Path) -> dict[str, str]:
    checksums = {}
    destination.mkdir(parents=True, exist_ok=True)
    if not source.is_dir():
        return checksums
    for path in _files_under(source):
        relative = path.relative_to(source)
        copy = destination / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copy2(path, copy)
        except FileNotFoundError:  # deleted by the running site after it was listed
            continue
        checksums[f"{destination.name}/{relative.as_posix()}"] = sha256_of(copy)
    return checksums


def _postgres_tool(tool: str, arguments: list[str], database: dict) -> None:
    if shutil.which(tool) is None:
        raise BackupError(f"{tool} is not on PATH: install the PostgreSQL client tools.")
    environment = {**os.environ, "PGPASSWORD": str(database.get("PASSWORD") or "")}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")):
        if database.get(key):
            environment[variable] = str(database[key])
    result = subprocess.run(  # noqa: S603 - fixed tool name, arguments built here
        [tool, *arguments, f"--dbname={database['NAME']}"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip()}")


# --- restore ------------------------------------------------------------------------------------


@contextmanager
def _opened(source: Path) -> Iterator[Path]:
    """The backup folder, unpacking an archive to a temporary folder first."""
    source = Path(source)
    if source.is_dir():
        yield source
        return
    if not source.is_file():
        raise BackupError(f"{source} does not exist.")
    with tempfile.TemporaryDirectory(prefix="policylab-restore-") as scratch:
        with tarfile.open(source, "r:*") as tar:
            tar.extractall(scratch, filter="data")
        yield Path(scratch) / "backup"


def backup_restore(*, source: Path, using: str = "default") -> dict:
    """Restore ``source`` into the configured database and media folders, which must be empty.

    Every file is checked against the manifest before anything is written. Returns the manifest.
    The search index is rebuilt by the caller (``manage.py restore`` does it).
    """
    with _opened(source) as folder:
        manifest_path = folder / MANIFEST
        if not manifest_path.is_file():
            raise BackupError(f"{source} is not a backup: it has no {MANIFEST}.")
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("format") != FORMAT_VERSION:
            raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
        _verify(folder, manifest)
        for setting in FILE_TREES.values():
            _refuse_non_empty(Path(getattr(settings, setting)), setting)
        _database_restore(folder, manifest["database"], using)
        for name, setting in FILE_TREES.items():
            shutil.copytree(folder / name, Path(getattr(settings, setting)), dirs_exist_ok=True)
    return manifest


def _verify(folder: Path, manifest: dict) -> None:
    database = manifest["database"]
    expected = {database["file"]: database["sha256"], **manifest["files"]}
    damaged = [
        relative
        for relative, checksum in expected.items()
        if not (folder / relative).is_file() or sha256_of(folder / relative) != checksum
    ]
    if damaged:
        listed = ", ".join(damaged[:5])
        raise BackupError(f"The backup is damaged: {len(damaged)} file(s) differ, e.g. {listed}.")


def _refuse_non_empty(root: Path, setting: str) -> None:
    if root.is_dir() and any(root.iterdir()):
        raise BackupError(f"{setting} ({root}) is not empty: restore into a fresh folder.")


def _database_restore(folder: Path, database: dict, using: str) -> None:
    connection = connections[using]
    if database["vendor"] != connection.vendor:
        raise BackupError(
            f"This is a {database['vendor']} backup; DATABASE_URL names a {connection.vendor} "
            "database."
        )
    if connection.introspection.table_names():
        raise BackupError("The database is not empty: restore into a fresh database.")
    connection.close()
    if connection.vendor == "sqlite":
        target = connection.get_new_connection(connection.get_connection_params())
        try:
            with sqlite3.connect(folder / database["file"]) as snapshot:
                snapshot.backup(target)
            snapshot.close()
        finally:
            target.close()
        return
    _postgres_tool(
        "pg_restore",
        [
            "--no-owner",
            "--no-acl",
            "--no-comments",
            "--exit-on-error",
            str(folder / database["file"]),
        ],
        connection.settings_dict,
    )
