"""What every engine takes and returns, plus the query parsing and snippets they share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..analysis import normalise, query_forms, script_of, word_matches

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
#: eight and the place tree; the knowledge, labs and challenges index pages also use the others.
#: "language" is the page's locale code (``IndexDocument.language``).
FACETS = (
    "content_type", "language", "country", "theme", "sdg", "year", "organisation", "status",
    "stage", "level", "partner", "province", "agency", "university", "lab_open", "place",
)  # fmt: skip
SEARCH_PAGE_FACETS = (*FACETS[:3], "place", *FACETS[3:8])
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
    # Normalised as the indexed text was (a decomposed nukta, Arabic letter forms, native
    # digits), so that the words compared below are the ones the engines index.
    text = normalise((text or "")[:MAX_QUERY_CHARS])
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
    #: clock-dependent rule (a challenge's status today) admits, evaluated at query time: as a
    #: query of page ids (``values_list("pk", flat=True)``), which the embedded engine runs as a
    #: subquery of its own SQL, so no list of every admitted id is read into Python.
    page_ids: tuple[int, ...] | QuerySet | None = None
    #: Where the results start, when not at a page boundary: Wagtail's search backend
    #: (``search.backend``) is sliced at any offset (the API's ``?offset=``).
    start: int | None = None
    #: Hits carry their page id and score only (``Hit.ranked_id``): Wagtail's search backend
    #: reads nothing else, and marking up titles and snippets for each of up to a thousand
    #: matches was most of its cost.
    ids_only: bool = False

    @property
    def offset(self) -> int:
        return self.start if self.start is not None else (self.page - 1) * self.per_page


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
    #: The language the page is written in (its locale) and its type's name ("Case study"),
    #: filled in for display by ``service.hits_describe``; engines leave them empty.
    language: str = ""
    type_label: str = ""

    @classmethod
    def ranked_id(cls, page_id: int, score: float) -> Hit:
        """A hit of an ``ids_only`` request: its place in the ranking, nothing to display."""
        return cls(
            page_id=page_id,
            title="",
            url="",
            content_type="",
            summary="",
            published_at=None,
            title_html=SafeString(""),
            snippet_html=SafeString(""),
            score=score,
        )


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


# --- snippets -------------------------------------------------------------------------------


def _english_pattern(words: tuple[str, ...]) -> re.Pattern | None:
    """Match each Latin query word and its English inflections (a crude stem: cut common
    endings), as the engines' English stemmers do."""
    stems = set()
    for word in words:
        if script_of(word) != "latin":
            continue
        stem = word
        for ending in ("ing", "ed", "es", "s", "ly", "ation", "ment"):
            if len(stem) > len(ending) + 3 and stem.endswith(ending):
                stem = stem[: -len(ending)]
                break
        stems.add(re.escape(stem))
    if not stems:
        return None
    alternatives = "|".join(sorted(stems, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alternatives})\w*", re.IGNORECASE)


#: A word with at least one letter outside Latin: Indic, Sinhala, Tamil or Arabic script.
_NON_LATIN_WORD_RE = re.compile(
    rf"(?=[\w\u0300-\u036f\u0610-\u06ed\u0900-\u0dff]*[^\x00-\u024f\W]){_WORD}"
)


class QueryMarker:
    """Finds the words of a displayed (original) text that a query matched.

    Latin words go through a regular expression (the query words and their English
    inflections), which keeps English snippets as fast as before. Words in other scripts are
    few in English text and are each asked ``word_matches``, so a Hindi word is marked when its
    normalised or stemmed form, or its romanised key, is one the query searched for, and a
    longer word that merely starts with the query's letters is not.
    """

    def __init__(self, words: tuple[str, ...]):
        self.english = _english_pattern(words)
        self.forms = [query_forms(w) for w in words]
        self._matched: dict[str, bool] = {}  # a word recurs: ask word_matches once per text form

    def __bool__(self) -> bool:
        return bool(self.english or self.forms)

    def _matches(self, word: str) -> bool:
        known = self._matched.get(word)
        if known is None:
            known = self._matched[word] = any(word_matches(word, f) for f in self.forms)
        return known

    def _native_spans(self, text: str):
        if self.forms and not text.isascii():
            for match in _NON_LATIN_WORD_RE.finditer(text):
                if self._matches(match.group(0)):
                    yield match.span()

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each matched word of ``text``, in order."""
        spans = [m.span() for m in self.english.finditer(text)] if self.english else []
        native = list(self._native_spans(text))
        return sorted(spans + native) if native else spans

    def first(self, text: str) -> int | None:
        """Where the first matched word of ``text`` starts; reads no further than it."""
        match = self.english.search(text) if self.english else None
        english = match.start() if match else None
        for start, _end in self._native_spans(text):
            if english is not None and start > english:
                break
            return start
        return english


def highlight(text: str, words: tuple[str, ...], marker: QueryMarker | None = None) -> SafeString:
    """Escape ``text`` and wrap the words the query matched in <mark>."""
    marker = marker or QueryMarker(words)
    if not marker:
        return escape(text)
    out, last = [], 0
    for start, end in marker.spans(text):
        if start < last:
            continue
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece was escaped above


def snippet(
    texts: list[str],
    words: tuple[str, ...],
    length: int = SNIPPET_CHARS,
    marker: QueryMarker | None = None,
) -> SafeString:
    """A window of the first text that mentions a query word, highlighted and escaped."""
    marker = marker or QueryMarker(words)
    for text in texts:
        if not text or not marker:
            continue
        position = marker.first(text)
        if position is None:
            continue
        start = max(0, position - length // 3)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < position else start
        window = text[start : start + length]
        if start + length < len(text):
            window = window.rsplit(" ", 1)[0]
        html = highlight(window, words, marker)
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
