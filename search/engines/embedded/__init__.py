"""The embedded engine: full-text search inside the site's own database.

- ``engine``: ``EmbeddedEngine``, the reads (search, facet counts, autocomplete, spelling);
  ``writes``: its writes, mixed in.
- ``sqlite`` and ``postgres``: the two SQL dialects the engine speaks through.
- ``side_connection``: the second connection the PostgreSQL dialect reads its RUM top N on.
- ``text``: the analysed text of a document and the expanded words of a query, shared by both.
- ``facets``: in-process facet bitmaps for large result sets.
"""

from .engine import EmbeddedEngine
from .postgres import RANK_INDEX
from .text import indexed_text

__all__ = ["RANK_INDEX", "EmbeddedEngine", "indexed_text"]
