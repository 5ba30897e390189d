"""What the embedded engine's full-text structures hold and what its queries search: a document's
analysed text, and a parsed query with each word's forms. Both dialects render these."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ...analysis import analyse_document, normalise, query_forms, words
from ..base import WORD_RE, IndexDocument, ParsedQuery

BODY_MAX_CHARS = 300_000
#: Autocomplete re-ranks at most this many of the newest titles sharing the typed prefix.
AUTOCOMPLETE_CANDIDATES = 200
#: A romanised key the engines accept: lower-case ASCII letters and digits, starting with a
#: letter (anything else is dropped rather than quoted into a MATCH or tsquery string).
ROMANISED_KEY_RE = re.compile(r"[a-z][a-z0-9]*")
#: At most this many native spellings of a quoted phrase are searched (each word's forms
#: multiply: "a b" with two forms each is four phrases on SQLite).
MAX_PHRASE_VARIANTS = 8


@dataclass(frozen=True)
class IndexedText:
    """What the full-text structures hold for a document; the document table keeps the
    original text for display."""

    title: str
    summary: str
    body: str
    attachments: str
    #: Space-separated romanised keys of the document's non-Latin words (may be empty).
    romanised: str
    #: The title's words normalised but not stemmed, for autocomplete and "did you mean",
    #: which compare what is typed with the beginnings and spellings of whole words.
    title_words: str
    #: False for ASCII-only text, which is indexed exactly as written (see ``indexed_text``).
    analysed: bool = True


def indexed_text(document: IndexDocument) -> IndexedText:
    """The analysed text of ``document`` (``search.analysis``), stemmed by its language.

    ASCII-only text skips the analysis: normalising changes nothing in it, its words are
    Latin and stay unstemmed for the database's English stemmer, and it has no romanised keys.
    English pages, most of the index, are then written as fast as before.
    """
    body = document.body[:BODY_MAX_CHARS]
    fields = (document.title, document.summary, body, document.attachments)
    if all(text.isascii() for text in fields):
        return IndexedText(*fields, romanised="", title_words=document.title, analysed=False)
    analysed = analyse_document(
        title=document.title, summary=document.summary, body=body,
        attachments=document.attachments, language=document.language or "en",
    )  # fmt: skip
    return IndexedText(
        title=analysed.title,
        summary=analysed.summary,
        body=analysed.body,
        attachments=analysed.attachments,
        romanised=" ".join(
            key for key in analysed.romanised.lower().split() if ROMANISED_KEY_RE.fullmatch(key)
        ),
        title_words=" ".join(words(normalise(document.title))),
    )


@dataclass(frozen=True)
class QueryTerm:
    """One parsed query word as the engine searches it: any of its ``native`` forms in the text
    columns, or any of its romanised ``keys`` (only those the index holds) in the romanised one."""

    native: tuple[str, ...]
    keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExpandedQuery:
    """A parsed query with each word's forms (``search.analysis.query_forms``); every query the
    dialects build (count, ranked, matched ids, any-terms, document frequency) renders this."""

    terms: tuple[QueryTerm, ...]
    #: Each phrase as its words' native forms, in order.
    phrases: tuple[tuple[tuple[str, ...], ...], ...] = ()


def _native_forms(word: str, forms=None) -> tuple[str, ...]:
    """The word's native forms that are single words (anything else would be read as
    operators by a MATCH or tsquery string), or the word itself."""
    forms = (forms or query_forms(word)).native
    return tuple(dict.fromkeys(f for f in forms if WORD_RE.fullmatch(f))) or (word,)


def expand_query(parsed: ParsedQuery, present_keys) -> ExpandedQuery:
    """``parsed`` with each word's forms. ``present_keys(keys)`` returns those of the romanised
    keys the index holds: a key found nowhere adds nothing, so an English word whose keys match
    no document is searched exactly as it always was."""
    forms = {term: query_forms(term) for term in parsed.terms}
    wanted = {
        key.lower()
        for f in forms.values()
        for key in f.keys
        if ROMANISED_KEY_RE.fullmatch(key.lower())
    }
    present = present_keys(sorted(wanted)) if wanted else set()
    terms = tuple(
        QueryTerm(
            native=_native_forms(term, f),
            keys=tuple(dict.fromkeys(k.lower() for k in f.keys if k.lower() in present)),
        )
        for term, f in forms.items()
    )
    phrases = tuple(tuple(_native_forms(w) for w in phrase) for phrase in parsed.phrases)
    return ExpandedQuery(terms=terms, phrases=phrases)


def phrase_variants(phrase: tuple[tuple[str, ...], ...]) -> list[tuple[str, ...]]:
    return list(itertools.islice(itertools.product(*phrase), MAX_PHRASE_VARIANTS))


def chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]
