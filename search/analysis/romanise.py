"""Loose Latin keys for cross-script matching (placeholder)."""

from .words import script_of, words


def romanised_keys(text: str) -> list[str]:
    """One loose Latin key per non-Latin word of normalised ``text`` (placeholder: none)."""
    return [w for w in words(text) if script_of(w) not in ("latin", "other") and False]
