"""What the engines index for a document and search for a query word.

Indexed text: ``normalise``d, every non-Latin word replaced by its stem in the document's
language (``stem``), everything else (Latin words, punctuation, spacing) left as it was, so each
engine's English analysis sees what it always saw. Pure-ASCII text skips all of it but
``str.lower``.

``romanised``: the loose keys (``romanise.document_keys``) of every non-Latin word of the title,
summary and body, both of the word as written and of its stem when that dropped an ending of two or more letters
(so ``kisan`` finds ``किसानों`` and ``kisanon`` finds it too; see ``_inflection_stems``). The title's keys are written twice: the
romanised field is one field, and a word of the title should weigh more there as it does in
the text fields. Attachments give no keys (long, and already searchable natively).

A query word (``query_forms``) is searched as its stems in every language written in its
script (a Devanagari word as Hindi and Nepali) in the text fields, and as its loose keys
(``romanise.query_keys``, of the word and of its stems that dropped an ending) in the romanised field; a Latin word as
itself (the engine stems it) and its loose keys. Every Latin query word has keys: an engine that
knows its index holds no romanised text can leave them out.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .normalise import normalise
from .romanise import document_keys, query_keys
from .stemmers import SCRIPT_LANGUAGES, stem
from .words import script_of, word_pattern


@dataclass(frozen=True)
class AnalysedText:
    """A document's text as every engine indexes it: normalised, non-Latin words stemmed by
    the document's language, Latin words left for the engine's English stemmer, plus the loose
    Latin keys of its non-Latin words (``romanised``), which go to a field of their own."""

    title: str
    summary: str
    body: str
    attachments: str
    romanised: str


@dataclass(frozen=True)
class QueryForms:
    """What one query word may match: ``native`` forms in the text fields, ``keys`` in the
    romanised field. The engines OR them together."""

    native: tuple[str, ...]
    keys: tuple[str, ...] = ()


@functools.lru_cache(maxsize=200_000)
def _document_keys(word: str, language: str) -> tuple[str, ...]:
    """The loose keys a document in ``language`` indexes for its (normalised) ``word``."""
    if script_of(word) in ("latin", "other"):
        return ()
    keyed = (word, *_inflection_stems(word, (stem(word, language),)))
    return tuple(dict.fromkeys(key for form in keyed for key in document_keys(form)))


def _inflection_stems(word: str, stems) -> tuple[str, ...]:
    """Those of ``word``'s stems whose loose keys it is also searched or indexed by: stems that
    dropped an ending of two or more letters (किसानों -> किसान, کسانوں -> کسان). A single final
    vowel sign is as often part of a word (नीति, सीता, पॉलिसी) as an ending, and the keys of such
    stems met other words: ``polis`` found पॉलिसी, सीता found ساتھ."""
    return tuple(s for s in stems if len(word) - len(s) >= 2)


@functools.lru_cache(maxsize=200_000)
def _analysed_word(word: str, language: str) -> tuple[str, tuple[str, ...]]:
    """What one normalised word of a document becomes: its indexed form and its loose keys."""
    if script_of(word) in ("latin", "other"):
        return word, ()
    return stem(word, language), _document_keys(word, language)


# Letters of the scripts this package stems or keys (Arabic, the Indic blocks, Sinhala).
_REGION_LETTERS = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\u0900-\u0dff\ufb50-\ufdff]")


@functools.cache
def _word_splitter() -> re.Pattern[str]:
    return re.compile(f"({word_pattern().pattern})")


def _analysed(text: str, language: str) -> tuple[str, list[str]]:
    """``text`` as indexed and the loose keys of its non-Latin words, in one pass."""
    text = normalise(text)
    if text.isascii() or not _REGION_LETTERS.search(text):
        return text, []  # English (with curly quotes or accents): nothing to stem or key
    # Splitting at words (captured) gives separators at even and words at odd positions.
    pieces = _word_splitter().split(text)
    keys: list[str] = []
    for i in range(1, len(pieces), 2):
        pieces[i], word_keys = _analysed_word(pieces[i], language)
        keys.extend(word_keys)
    return "".join(pieces), keys


def analyse_document(
    *, title: str, summary: str, body: str, attachments: str, language: str
) -> AnalysedText:
    title, title_keys = _analysed(title, language)
    summary, summary_keys = _analysed(summary, language)
    body, body_keys = _analysed(body, language)
    attachments, _attachment_keys = _analysed(attachments, language)
    return AnalysedText(
        title=title,
        summary=summary,
        body=body,
        attachments=attachments,
        romanised=" ".join(title_keys + title_keys + summary_keys + body_keys),
    )


@functools.lru_cache(maxsize=20_000)
def query_forms(word: str) -> QueryForms:
    """The forms one parsed query word is searched as: its stems in every language of its
    script (``native``) and its loose keys (``keys``); a Latin word itself and its keys."""
    normalised = normalise(word)
    script = script_of(normalised)
    if script == "latin":
        return QueryForms(native=(normalised,), keys=query_keys(normalised))
    if script == "other":
        return QueryForms(native=(normalised,))
    languages = SCRIPT_LANGUAGES.get(script, ("",))
    native = tuple(dict.fromkeys(stem(normalised, language) for language in languages))
    keyed = (normalised, *_inflection_stems(normalised, native))
    keys = tuple(dict.fromkeys(key for form in keyed for key in query_keys(form)))
    return QueryForms(native=native, keys=keys)


@functools.cache
def _english_stem():
    # Imported on first use: snowballstemmer costs ~70 ms to import (all its languages),
    # paid by the first search.
    import snowballstemmer

    return functools.lru_cache(maxsize=50_000)(snowballstemmer.stemmer("english").stemWord)


def word_matches(word: str, forms: QueryForms) -> bool:
    """Whether ``word`` of a displayed text is one the query matched (for <mark>): its stem
    is one of the native forms (English words by the English stemmer, as the engines match
    them), or one of its loose keys is one of the query's keys (a native word found by a
    romanised or other-script query)."""
    normalised = normalise(word)
    script = script_of(normalised)
    if script == "latin":
        stem_of = _english_stem()
        return stem_of(normalised) in {stem_of(form) for form in forms.native}
    if script == "other":
        return normalised in forms.native
    languages = SCRIPT_LANGUAGES.get(script, ("",))
    if normalised in forms.native or any(
        stem(normalised, lang) in forms.native for lang in languages
    ):
        return True
    return bool(forms.keys) and any(
        key in forms.keys for lang in languages for key in _document_keys(normalised, lang)
    )
