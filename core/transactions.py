"""Transactions for reads: one consistent snapshot without SQLite's write lock.

The SQLite settings begin every transaction with ``BEGIN IMMEDIATE`` (``transaction_mode``),
which takes the database's single write lock at once. That is right for writes: a ``DEFERRED``
transaction that reads first and writes later must upgrade its lock, and in WAL mode SQLite
refuses that upgrade at once (``database is locked``, without waiting for the busy timeout)
whenever another connection committed in between; taking the lock up front makes writers
wait their turn instead. A read that only wants its queries to agree (a page of results,
their total and their facet counts) needs a snapshot, not the write lock: taking it would make
every such read wait for, and hold up, every writer and every other read.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction


@contextmanager
def read_transaction(using: str | None = None) -> Iterator[None]:
    """An atomic block for reads only: on SQLite it begins ``DEFERRED`` (a WAL read snapshot,
    no write lock); elsewhere, or inside a caller's transaction, it is ``transaction.atomic``.

    Nothing inside may write: a write would have to upgrade the lock, which is what
    ``IMMEDIATE`` exists to avoid.
    """
    connection = transaction.get_connection(using)
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        with transaction.atomic(using=using):
            yield
        return
    connection.ensure_connection()  # connecting reads transaction_mode from the settings again
    configured = connection.transaction_mode
    connection.transaction_mode = "DEFERRED"
    try:
        with transaction.atomic(using=using):
            # BEGIN has run; savepoints and later transactions use the configured mode.
            connection.transaction_mode = configured
            yield
    finally:
        connection.transaction_mode = configured
