"""One canonical spelling per word, applied at indexing and at query time."""

import unicodedata


def normalise(text: str) -> str:
    """``text`` in the spelling every engine indexes (placeholder: NFC only)."""
    return unicodedata.normalize("NFC", text or "")
