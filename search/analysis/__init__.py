"""Text analysis for the region's scripts, shared by every engine.

Every engine (SQLite FTS5, PostgreSQL full-text, Elasticsearch) indexes and queries text that
went through this package first, so they agree on what a word is and when two spellings are the
same word. The engines keep only what they do well for English (Porter, ``english``, the English
stemmer); everything script-specific happens here, in Python, once.

- ``normalise``: one canonical spelling (NFC, letter variants, no invisible marks, ASCII digits).
- ``words``: whole words, never cut at a vowel sign or other combining mark.
- ``stem``: light stemming of Hindi, Nepali, Bengali, Urdu (and Tamil) words by language.
- ``romanised_keys``: loose Latin keys of non-Latin words, for cross-script matching.
- ``analyse_document`` / ``query_forms``: what the engines index and search for.
"""

from .documents import AnalysedText, QueryForms, analyse_document, query_forms, word_matches
from .normalise import normalise
from .romanise import romanised_keys
from .stemmers import stem
from .words import script_of, words

__all__ = [
    "AnalysedText",
    "QueryForms",
    "analyse_document",
    "normalise",
    "query_forms",
    "romanised_keys",
    "script_of",
    "stem",
    "word_matches",
    "words",
]
