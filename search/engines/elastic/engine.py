"""The Elasticsearch engine's reads (search, facet counts, autocomplete, spelling) over its index.

Titles and snippets are marked up in Python (``base.highlight`` / ``base.snippet``) over the
original text, with the body and attachments read from the embedded engine's rows (one query per
page of results) only for hits whose summary does not mention a query word.
"""

from __future__ import annotations

import logging

from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError
from elasticsearch_dsl import A, Q, Search

from search.analysis import QueryForms, normalise, query_forms

from ..base import (
    FACETS,
    EngineResult,
    Hit,
    ParsedQuery,
    SearchRequest,
    Suggestion,
)
from .errors import SearchUnavailable
from .hits import marked_hits, suggestion
from .mapping import MAPPING_VERSION, TEXT_ANALYSES, TITLE_WORDS_SINCE
from .writes import IndexWrites

logger = logging.getLogger(__name__)

FIELD_BOOSTS = ["title^10", "summary^4", "body", "attachments^0.5"]
#: A match on a loose Latin key (romanised field: title, summary and body together) counts like an
#: attachment match: below any match of the word as written, above nothing.
ROMANISED_BOOST = 0.5


def _inflections(term: str) -> list[str]:
    """The word, its plural or singular, and its possessive: a stand-in for a stemmer."""
    forms = {term, f"{term}s", f"{term}'s"}
    if term.endswith("'s"):
        forms.add(term[:-2])
    elif term.endswith("ies") and len(term) > 4:
        forms.add(term[:-3] + "y")
    elif term.endswith("es") and len(term) > 4:
        forms.update({term[:-2], term[:-1]})
    elif term.endswith("s") and len(term) > 3:
        forms.add(term[:-1])
    elif term.endswith("y") and len(term) > 3:
        forms.add(term[:-1] + "ies")
    else:
        forms.add(f"{term}es")
    return sorted(forms)


def _romanised_prefix(typed: str) -> str:
    """Loose Latin keys of words typed in Latin letters, to find native titles by prefix."""
    if not typed.isascii():
        return ""
    keys = []
    for word in typed.split():
        forms = query_forms(word.lower())
        if not forms.keys:
            return ""
        keys.append(forms.keys[0])
    return " ".join(keys)


class ElasticsearchEngine(IndexWrites):
    name = "elasticsearch"
    label = "Elasticsearch"

    def __init__(
        self, url: str, prefix: str, *, timeout: float = 5, refresh_on_write: bool = False
    ):
        self.url = url
        self.client = Elasticsearch(
            url, request_timeout=timeout, max_retries=0, retry_on_timeout=False
        )
        self.alias = f"{prefix}-pages"
        self.refresh_on_write = refresh_on_write
        # "english", "hunspell" or "plural" (see the module docstring); None until known.
        self.stemming: str | None = None
        self.mapping_version = MAPPING_VERSION

    # --- reads --------------------------------------------------------------------------------

    def _stemming(self) -> str:
        """How the live index stems English (cached per engine): see the module docstring."""
        if self.stemming is None:
            self._read_index_info()
        return self.stemming or "english"

    def _read_index_info(self) -> None:
        """Learn the live index's English analysis and mapping version (one request, cached)."""
        try:
            indices = self.client.indices.get(index=self.alias)
        except ApiError:
            return
        except TransportError as exc:
            # No answer (timeout, refused): the search would wait the timeout once more.
            raise SearchUnavailable(str(exc)) from exc
        info = next(iter(indices.values()), {})
        settings = str(info.get("settings", {}))
        self.stemming = next(
            name for name, _a, marker in TEXT_ANALYSES if marker is None or marker in settings
        )
        version = info.get("mappings", {}).get("_meta", {}).get("mapping_version", 1)
        self.mapping_version = version
        if version < MAPPING_VERSION:
            logger.warning(
                "search: the Elasticsearch index %s predates mapping version %s: searches in the "
                "region's scripts need `manage.py rebuild_search_index`",
                self.alias,
                MAPPING_VERSION,
            )

    @property
    def _title_words_field(self) -> str:
        """Where autocomplete and spelling read title words (older indexes: a title subfield)."""
        if self.stemming is None:
            self._read_index_info()
        return "title.exact" if self.mapping_version < TITLE_WORDS_SINCE else "title_words"

    def _native_query(self, forms: QueryForms):
        """One query word's native forms over the weighted text fields."""
        if self._stemming() == "english":
            return Q(
                "multi_match",
                query=" ".join(forms.native),
                fields=FIELD_BOOSTS,
                type="cross_fields",
                operator="or",
            )
        # No algorithmic stemmer on this cluster: match the plural, singular and possessive of
        # each Latin word too (with hunspell, for the words its dictionary does not know).
        variants = []
        for form in forms.native:
            variants.extend(_inflections(form) if form.isascii() else [form])
        return Q(
            "multi_match",
            query=" ".join(dict.fromkeys(variants)),
            fields=FIELD_BOOSTS,
            type="most_fields",
        )

    def _term_query(self, forms: QueryForms):
        """A query word: any of its native forms in the text fields, or any of its loose Latin
        keys in the romanised field. Without keys, the native clause alone (no extra clause)."""
        native = self._native_query(forms)
        if not forms.keys:
            return native
        keys = Q("match", romanised={"query": " ".join(forms.keys), "boost": ROMANISED_BOOST})
        return Q("bool", should=[native, keys], minimum_should_match=1)

    def _text_query(self, parsed: ParsedQuery, any_terms: bool):
        clauses = []
        forms = [query_forms(term) for term in parsed.terms]
        if (
            parsed.terms
            and self._stemming() == "english"
            and all(len(f.native) == 1 and not f.keys for f in forms)
        ):
            # Nothing but one spelling per word (English): the one query it always was.
            clauses.append(
                Q(
                    "multi_match",
                    query=" ".join(f.native[0] for f in forms),
                    fields=FIELD_BOOSTS,
                    type="cross_fields",
                    operator="or" if any_terms else "and",
                )
            )
        elif parsed.terms:
            # One clause per word, each required (any one, for "nearest matches"). With the
            # english stemmer and no keys this scores as the single cross_fields query over all
            # words did: cross_fields blends each word's statistics across fields separately.
            per_term = [self._term_query(f) for f in forms]
            clauses.append(
                Q("bool", should=per_term, minimum_should_match=1)
                if any_terms
                else Q("bool", must=per_term)
            )
        for phrase in parsed.phrases:
            # Phrases match the text as written (analysed, no romanised keys): each word's first
            # native form, its normalised spelling.
            words = [query_forms(word).native[0] for word in phrase]
            clauses.append(
                Q("multi_match", query=" ".join(words), fields=FIELD_BOOSTS, type="phrase")
            )
        if any_terms:
            return Q("bool", should=clauses, minimum_should_match=1)
        return Q("bool", must=clauses)

    def _filters(self, request: SearchRequest, skip: str | None = None) -> list:
        filters = []
        if request.content_types:
            filters.append(Q("terms", content_type=list(request.content_types)))
        if request.page_ids is not None:
            # A restriction given as a query (see SearchRequest.page_ids) is read here, in one
            # query: Elasticsearch cannot join the database, so it needs the ids themselves.
            filters.append(Q("ids", values=[str(i) for i in request.page_ids]))
        for facet in FACETS:
            values = request.filters.get(facet)
            if values and facet != skip:
                filters.append(Q("terms", **{facet: list(values)}))
        return filters

    def search(self, request: SearchRequest, parsed: ParsedQuery) -> EngineResult:
        return self._search(request, parsed, any_terms=False)

    def any_terms(self, request: SearchRequest, parsed: ParsedQuery) -> EngineResult:
        return self._search(request, parsed, any_terms=True)

    def matched_page_ids(self, request: SearchRequest, parsed: ParsedQuery) -> list[int]:
        """Every page id matching ``request``: ids only, in one request (the callers restrict
        ``page_ids`` to a bounded set, such as the published challenges)."""
        text_query = None if parsed.is_empty else self._text_query(parsed, any_terms=False)
        size = len(request.page_ids) if request.page_ids is not None else 10_000
        search = (
            Search(using=self.client, index=self.alias)
            .query(
                Q(
                    "bool",
                    must=[text_query] if text_query else [Q("match_all")],
                    filter=self._filters(request),
                )
            )
            .source(False)
            .extra(size=min(size, 10_000))
        )
        try:
            response = search.execute()
        except (ApiError, TransportError) as exc:
            raise SearchUnavailable(str(exc)) from exc
        return [int(hit.meta.id) for hit in response.hits]

    def _search(self, request: SearchRequest, parsed: ParsedQuery, any_terms: bool) -> EngineResult:
        search = Search(using=self.client, index=self.alias).extra(track_total_hits=True)
        text_query = None if parsed.is_empty else self._text_query(parsed, any_terms)
        search = search.query(
            Q(
                "bool",
                must=[text_query] if text_query else [Q("match_all")],
                filter=self._filters(request),
            )
        )
        if request.sort == "newest" or parsed.is_empty:
            search = search.sort({"published_at": {"order": "desc", "missing": "_last"}}, "_score")
        if request.with_facets:
            for facet in FACETS:
                # Places: a province and every district in it may all be counted.
                size = 1000 if facet == "place" else 60
                search.aggs.bucket(facet, A("terms", field=facet, size=size))
        search = search.source(
            False
            if request.ids_only
            else ["display", "title", "summary", "url", "content_type", "published_at"]
        )
        search = search[request.offset : request.offset + request.per_page]
        try:
            response = search.execute()
        except (ApiError, TransportError) as exc:
            raise SearchUnavailable(str(exc)) from exc
        if request.ids_only:
            hits = [Hit.ranked_id(int(hit.meta.id), hit.meta.score or 0.0) for hit in response.hits]
        else:
            hits = marked_hits(response.hits, parsed.all_words)
        facet_counts = {}
        if request.with_facets:
            for facet in FACETS:
                buckets = response.aggregations[facet].buckets
                facet_counts[facet] = [(str(b.key), b.doc_count) for b in buckets]
        return EngineResult(hits=hits, total=response.hits.total.value, facet_counts=facet_counts)

    def autocomplete(self, words: tuple[str, ...], limit: int) -> list[Suggestion]:
        if not words:
            return []
        # Titles are indexed normalised (one spelling per letter, in every script): so is input.
        typed = normalise(" ".join(words))
        search = Search(using=self.client, index=self.alias).source(
            ["display", "title", "url", "content_type"]
        )
        search = search.suggest(
            "titles",
            typed,
            completion={"field": "title_suggest", "size": limit, "skip_duplicates": True},
        )
        try:
            response = search.execute()
        except (ApiError, TransportError) as exc:
            raise SearchUnavailable(str(exc)) from exc
        suggestions, seen = [], set()
        for option in response.suggest.titles[0].options:
            if option._id in seen:
                continue
            seen.add(option._id)
            suggestions.append(suggestion(option._source))
        if len(suggestions) < limit:
            # The completion field matches consecutive words from a word start; top up with titles
            # holding every typed word anywhere (the last one as a prefix), or, typed in Latin
            # letters, the loose keys of a native title's words (one request either way).
            query = Q(
                "match_bool_prefix",
                **{self._title_words_field: {"query": typed, "operator": "and"}},
            )
            keys = _romanised_prefix(typed)
            if keys:
                query = Q(
                    "bool",
                    should=[
                        query,
                        Q(
                            "match_bool_prefix",
                            title_romanised={"query": keys, "operator": "and", "boost": 0.5},
                        ),
                    ],
                    minimum_should_match=1,
                )
            extra = Search(using=self.client, index=self.alias).source(
                ["display", "title", "url", "content_type"]
            )
            try:
                hits = extra.query(query)[:limit].execute().hits
            except (ApiError, TransportError) as exc:
                raise SearchUnavailable(str(exc)) from exc
            for hit in hits:
                if hit.meta.id not in seen and len(suggestions) < limit:
                    seen.add(hit.meta.id)
                    suggestions.append(suggestion(hit))
        return suggestions

    def spelling(self, words: tuple[str, ...]) -> dict[str, str]:
        if not words:
            return {}
        # The suggester answers in the normalised spelling; the caller looks up what was typed.
        typed = {normalise(word).lower(): word for word in words}
        search = Search(using=self.client, index=self.alias).extra(size=0)
        search = search.suggest(
            "spelling",
            " ".join(typed),
            term={
                "field": self._title_words_field,
                "suggest_mode": "missing",
                "min_word_length": 3,
            },
        )
        try:
            response = search.execute()
        except (ApiError, TransportError) as exc:
            raise SearchUnavailable(str(exc)) from exc
        corrections = {}
        for entry in response.suggest.spelling:
            if entry.options:
                corrections[typed.get(entry.text, entry.text)] = entry.options[0].text
        return corrections

    def document_count(self) -> int | None:
        """How many documents the index holds, or None when there is no index yet; one request
        (the client's timeout, no retries). Raises SearchUnavailable when the cluster does not
        answer it."""
        try:
            return self.client.count(index=self.alias)["count"]
        except NotFoundError:
            return None
        except (ApiError, TransportError) as exc:
            raise SearchUnavailable(str(exc)) from exc
