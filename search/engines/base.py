"""What every engine takes and returns, plus the query parsing and snippets they share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

#: Anything longer is cut before parsing: nobody types more, and it bounds the work per query.
MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 12
SNIPPET_CHARS = 220

#: Word characters plus the combining marks Indic and Arabic scripts need inside a word
#: (Python's \w alone splits "नीति" at its vowel signs), and the zero-width (non-)joiners.
_WORD = r"[\w\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0dff\u200c\u200d]+"
WORD_RE = re.compile(_WORD)
_PHRASE_RE = re.compile(r'"([^"]*)"')

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "to",
        "was",
        "were",
        "with",
    ]
)

#: The facets every engine stores, filters on and counts. The search page shows the first
#: eight; the knowledge, labs and challenges index pages also use the ones after them.
#: "language" is the page's locale code (``IndexDocument.language``).
FACETS = (
    "content_type", "language", "country", "theme", "sdg", "year", "organisation", "status",
    "stage", "level", "partner", "province", "agency", "university", "lab_open",
)  # fmt: skip
SEARCH_PAGE_FACETS = FACETS[:8]
SORTS = ("relevance", "newest")


@dataclass(frozen=True)
class ParsedQuery:
    """A query reduced to plain words and quoted phrases: no operators survive parsing."""

    terms: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.phrases

    @property
    def all_words(self) -> tuple[str, ...]:
        words = list(self.terms)
        for phrase in self.phrases:
            words.extend(phrase)
        return tuple(words)


def parse_query(text: str) -> ParsedQuery:
    text = (text or "")[:MAX_QUERY_CHARS]
    phrases = []
    for match in _PHRASE_RE.finditer(text):
        words = tuple(w.lower() for w in WORD_RE.findall(match.group(1)))
        if len(words) > 1:
            phrases.append(words)
    # Single-word "phrases" are ordinary terms; unmatched quotes are just punctuation.
    rest = _PHRASE_RE.sub(
        lambda m: m.group(1) if len(WORD_RE.findall(m.group(1))) < 2 else " ", text
    )
    terms = []
    for word in WORD_RE.findall(rest):
        word = word.lower().strip("_")
        # A lone Latin letter is the tail of a possessive ("people's") or an initial: noise.
        if len(word) == 1 and word.isascii():
            continue
        if word and word not in terms:
            terms.append(word)
    # Function words only narrow an all-words match without saying anything about the topic.
    content_terms = [t for t in terms if t not in STOPWORDS]
    if content_terms or phrases:
        terms = content_terms
    budget = MAX_QUERY_TERMS
    phrases = phrases[:3]
    budget -= sum(len(p) for p in phrases)
    return ParsedQuery(terms=tuple(terms[: max(budget, 0)]), phrases=tuple(phrases))


@dataclass
class SearchRequest:
    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    with_facets: bool = True
    #: Restrict to these content types before facets are counted (the index pages use it).
    content_types: tuple[str, ...] = ()
    #: Restrict to these pages (None: no restriction). An index page passes the pages that a
    #: clock-dependent rule (a challenge's status today) admits, evaluated at query time.
    page_ids: tuple[int, ...] | None = None

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass
class Hit:
    page_id: int
    title: str
    url: str
    content_type: str
    summary: str
    published_at: datetime | None
    title_html: SafeString
    snippet_html: SafeString
    score: float = 0.0
    #: The language the page is written in (its locale), filled in for display by
    #: ``service.hit_languages_fill``; engines leave it empty.
    language: str = ""


@dataclass
class EngineResult:
    hits: list[Hit]
    total: int
    #: facet name -> [(value, count)], most frequent first
    facet_counts: dict[str, list[tuple[str, int]]]


@dataclass
class Suggestion:
    title: str
    url: str
    content_type: str


class Engine(Protocol):
    name: str

    def search(self, request: SearchRequest, parsed: ParsedQuery) -> EngineResult: ...

    def any_terms(self, request: SearchRequest, parsed: ParsedQuery) -> EngineResult:
        """Like search, but a document needs only one of the words (for "nearest matches")."""
        ...

    def autocomplete(self, prefix_words: tuple[str, ...], limit: int) -> list[Suggestion]: ...

    def spelling(self, words: tuple[str, ...]) -> dict[str, str]: ...

    def upsert(self, documents: list) -> None: ...

    def delete(self, page_ids: list[int]) -> None: ...


# --- snippets -------------------------------------------------------------------------------


def _term_pattern(words: tuple[str, ...]) -> re.Pattern | None:
    """Match each query word and its English inflections (a crude stem: cut common endings)."""
    stems = set()
    for word in words:
        stem = word
        for ending in ("ing", "ed", "es", "s", "ly", "ation", "ment"):
            if len(stem) > len(ending) + 3 and stem.endswith(ending):
                stem = stem[: -len(ending)]
                break
        stems.add(re.escape(stem))
    if not stems:
        return None
    alternatives = "|".join(sorted(stems, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alternatives})[\w\u0900-\u0dff\u0610-\u06ed]*", re.IGNORECASE)


def highlight(text: str, words: tuple[str, ...]) -> SafeString:
    """Escape ``text`` and wrap the query words in <mark>."""
    pattern = _term_pattern(words)
    if not pattern:
        return escape(text)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece was escaped above


def snippet(texts: list[str], words: tuple[str, ...], length: int = SNIPPET_CHARS) -> SafeString:
    """A window of the first text that mentions a query word, highlighted and escaped."""
    pattern = _term_pattern(words)
    for text in texts:
        if not text:
            continue
        match = pattern.search(text) if pattern else None
        if match is None:
            continue
        start = max(0, match.start() - length // 3)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < match.start() else start
        window = text[start : start + length]
        if start + length < len(text):
            window = window.rsplit(" ", 1)[0]
        html = highlight(window, words)
        ellipsis_after = " …" if start + length < len(text) else ""
        return mark_safe(("… " if start else "") + html + ellipsis_after)  # noqa: S308 - html is escaped
    first = next((t for t in texts if t), "")
    cut = first[:length]
    if len(first) > length:
        cut = cut.rsplit(" ", 1)[0] + " …"
    return escape(cut)


@dataclass
class IndexDocument:
    """What an adapter extracts from a page: the same shape goes to every engine."""

    page_id: int
    content_type: str
    title: str
    summary: str
    body: str
    attachments: str
    url: str
    published_at: datetime | None
    facets: dict[str, list[str]] = field(default_factory=dict)
    #: The language the page is written in (its locale's code): it picks the stemmer.
    language: str = "en"
