"""What the engines index for a document and search for a query word."""

from __future__ import annotations

from dataclasses import dataclass

from .normalise import normalise
from .romanise import romanised_keys
from .stemmers import stem
from .words import script_of, words


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


def _analysed(text: str, language: str) -> str:
    return " ".join(
        w if script_of(w) == "latin" else stem(w.lower(), language) for w in words(normalise(text))
    )


def analyse_document(
    *, title: str, summary: str, body: str, attachments: str, language: str
) -> AnalysedText:
    return AnalysedText(
        title=_analysed(title, language),
        summary=_analysed(summary, language),
        body=_analysed(body, language),
        attachments=_analysed(attachments, language),
        romanised=" ".join(romanised_keys(normalise(f"{title} {summary} {body}"))),
    )


def query_forms(word: str) -> QueryForms:
    """The forms one parsed query word is searched as (placeholder: itself)."""
    return QueryForms(native=(normalise(word),))


def word_matches(word: str, forms: QueryForms) -> bool:
    """Whether ``word`` of a displayed text is one the query matched (for <mark>)."""
    return normalise(word).lower() in forms.native
