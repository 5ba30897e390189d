"""Facet counts for large result sets, from per-process bitmaps instead of a SQL join."""

from __future__ import annotations

import threading
from collections import defaultdict

from django.db import connection

#: The search_searchindexstate row whose version every write of the embedded index bumps.
STATE_KEY = "embedded"


class FacetBitmaps:
    """Per-process bitmaps of which documents carry each facet value, for one index version.

    Counting facets over 100,000 matches by joining the facet table takes hundreds of
    milliseconds; AND-ing Python integers used as bitsets and counting bits takes a few.
    The version comes from the database row every index write bumps, so a removed document
    never lingers in a count.
    """

    _lock = threading.Lock()
    _cached: dict = {}

    @classmethod
    def get(cls, cursor) -> FacetBitmaps:
        cursor.execute("SELECT version FROM search_searchindexstate WHERE key = %s", [STATE_KEY])
        row = cursor.fetchone()
        version = row[0] if row else 0
        key = (connection.alias, connection.settings_dict.get("NAME"))
        cached = cls._cached.get(key)
        if cached is not None and cached.version == version:
            return cached
        with cls._lock:
            built = cls(cursor, version)
            cls._cached[key] = built
            return built

    def __init__(self, cursor, version: int):
        self.version = version
        cursor.execute("SELECT page_id FROM search_searchdocument ORDER BY page_id")
        self.ordinal = {row[0]: i for i, row in enumerate(cursor.fetchall())}
        self.total = len(self.ordinal)
        cursor.execute(
            "SELECT facet, value, document_id FROM search_searchfacetvalue ORDER BY facet, value"
        )
        positions = defaultdict(list)
        ordinal = self.ordinal
        for facet, value, document_id in cursor.fetchall():
            position = ordinal.get(document_id)
            if position is not None:
                positions[(facet, value)].append(position)
        self.bitmaps = {k: self._bitmap(v) for k, v in positions.items()}

    def _bitmap(self, positions) -> int:
        bits = bytearray((self.total >> 3) + 1)
        for position in positions:
            bits[position >> 3] |= 1 << (position & 7)
        return int.from_bytes(bits, "little")

    def matching(self, selections: dict[str, list[str]]) -> int:
        """The documents holding, for every facet named, one of its chosen values."""
        matched = (1 << self.total) - 1
        for facet, values in selections.items():
            either = 0
            for value in values:
                either |= self.bitmaps.get((facet, str(value)), 0)
            matched &= either
        return matched

    def counts(self, page_ids=None, *, matched: int | None = None) -> dict:
        """Counts over every document, the documents ``page_ids``, or the bitmap ``matched``."""
        if page_ids is not None:
            ordinal = self.ordinal
            matched = self._bitmap(ordinal[i] for i in page_ids if i in ordinal)
        if matched is None:
            pairs = ((key, bitmap.bit_count()) for key, bitmap in self.bitmaps.items())
        else:
            pairs = ((key, (bitmap & matched).bit_count()) for key, bitmap in self.bitmaps.items())
        counts = defaultdict(list)
        for (facet, value), count in pairs:
            if count:
                counts[facet].append((value, count))
        return counts
