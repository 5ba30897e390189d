"""The Elasticsearch engine, built with elasticsearch-dsl against an 8.x cluster.

One index (read and written through an alias, so a full rebuild builds a fresh index and swaps
the alias atomically) with an explicit mapping: weighted text fields with an English analyzer,
keyword facet fields, a completion field for autocomplete.

Text in the region's scripts is analysed in Python first (``search.analysis``, shared with the
embedded engine): the text fields index ``analyse_document(...)`` (normalised, non-Latin words
stemmed by the page's language), which the standard tokenizer (UAX #29) keeps whole, and Latin
words go through the English analysis below as before. A ``romanised`` field holds the loose Latin
keys of the non-Latin words, so a query typed in Latin letters finds native-script text. A page
whose text is all ASCII has nothing to normalise, stem or romanise and is indexed as it is.

The indexed text is not what readers see, so the text fields are left out of ``_source`` and the
original title and summary are kept, unindexed, in ``display``; titles and snippets are marked up
in Python (``base.highlight`` / ``base.snippet``) over the original text, with the body and
attachments read from the embedded engine's rows (one query per page of results) only for hits
whose summary does not mention a query word.

English stemming depends on what the cluster offers; the engine takes the first that works and
says which in ``stemming`` (and the log):

- ``"english"``: the algorithmic English stemmer plus possessive filter (the analysis-common
  module, present on every regular distribution and hosted cluster).
- ``"hunspell"``: Elasticsearch's integration-test distribution (CI) has no analysis-common, but
  the hunspell filter is in the server core; with an en_US dictionary in the node's
  config/hunspell/en_US/ (.ci/elasticsearch.sh installs one) dictionary words stem
  ("governments" -> "government", "policies" -> "policy", "reforming" -> "reform"). Words the
  dictionary does not know (names, acronyms, British spellings) pass through unchanged, so the
  query also asks for their plural and possessive forms.
- ``"plural"``: no stemmer at all; the query matches each word's plural, singular and
  possessive forms instead.
"""

from __future__ import annotations

import logging
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from datetime import UTC, datetime

from django.utils.html import escape
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError
from elasticsearch.helpers import BulkIndexError, bulk
from elasticsearch_dsl import (
    A,
    Completion,
    Date,
    Document,
    Keyword,
    MetaField,
    Object,
    Q,
    Search,
    Text,
    analyzer,
    token_filter,
)

from search.analysis import QueryForms, analyse_document, normalise, query_forms, romanised_keys

from ..models import SearchDocument
from .base import (
    FACETS,
    EngineResult,
    Hit,
    IndexDocument,
    ParsedQuery,
    SearchRequest,
    Suggestion,
    highlight,
    snippet,
)

logger = logging.getLogger(__name__)

FIELD_BOOSTS = ["title^10", "summary^4", "body", "attachments^0.5"]
#: A match on a loose Latin key (romanised field: title, summary and body together) counts like an
#: attachment match: below any match of the word as written, above nothing.
ROMANISED_BOOST = 0.5
#: Stored in the mapping's _meta. Bump it whenever the mapping or what goes into a field changes:
#: an index built by an older version keeps answering (see ``_read_index_info``) and the admin
#: runs ``rebuild_search_index`` to build the new one. 2: analysed text, romanised keys, display.
#: 3: the revised stems and key namespaces of ``search.analysis`` (search migration 0010).
#: 4: the gazetteer's ``place`` facet.
MAPPING_VERSION = 4
#: The first mapping version with a ``title_words`` field (older: a ``title.exact`` subfield).
TITLE_WORDS_SINCE = 2
SUGGEST_MAX_INPUTS = 12
BULK_CHUNK_SIZE = 500
BULK_REQUESTS_IN_FLIGHT = 2


class SearchUnavailable(Exception):
    """The engine could not answer; the service falls back to the embedded engine."""


english_stemmer = token_filter("policylab_english_stemmer", type="stemmer", language="english")
english_possessive = token_filter(
    "policylab_english_possessive", type="stemmer", language="possessive_english"
)
english_hunspell = token_filter(
    "policylab_english_hunspell", type="hunspell", locale="en_US", dedup=True
)
STEMMING_ANALYZER = analyzer(
    "policylab_text",
    tokenizer="standard",
    filter=[english_possessive, "lowercase", "decimal_digit", english_stemmer],
)
# Only core filters: lowercase first (the dictionary's "'s" suffix handles possessives of the
# words it knows); tokens in other scripts find no dictionary entry and pass through as they are.
HUNSPELL_ANALYZER = analyzer(
    "policylab_text", tokenizer="standard", filter=["lowercase", english_hunspell]
)
PLAIN_ANALYZER = analyzer("policylab_text", tokenizer="standard", filter=["lowercase"])

# Preferred first. The filter name in the index settings tells which one an index was built with.
TEXT_ANALYSES = (
    ("english", STEMMING_ANALYZER, "policylab_english_stemmer"),
    ("hunspell", HUNSPELL_ANALYZER, "policylab_english_hunspell"),
    ("plural", PLAIN_ANALYZER, None),
)
# Which analysis each cluster (by URL) accepted, so later index creations skip refused attempts.
_cluster_analysis: dict[str, str] = {}


#: Indexed for searching, never read back: kept out of _source (smaller index, faster writes).
NOT_DISPLAYED = [
    "title", "summary", "body", "attachments", "romanised",
    "title_words", "title_romanised", "title_suggest",
]  # fmt: skip


def page_document_class(text_analyzer):
    """The mapping, parametrised by the text analyzer the cluster supports."""

    class PageDocument(Document):
        content_type = Keyword()
        language = Keyword()
        # Analysed text (search.analysis): searched, never shown, so not kept in _source.
        title = Text(analyzer=text_analyzer)
        summary = Text(analyzer=text_analyzer)
        body = Text(analyzer=text_analyzer)
        attachments = Text(analyzer=text_analyzer)
        romanised = Text(analyzer="whitespace", index_options="freqs", norms=False)
        # The normalised, unstemmed title: autocomplete prefixes and spelling suggestions are
        # words as people type them, in every script.
        title_words = Text(analyzer="standard", index_prefixes={"min_chars": 1, "max_chars": 10})
        title_romanised = Text(
            analyzer="whitespace", index_prefixes={"min_chars": 1, "max_chars": 10}, norms=False
        )
        title_suggest = Completion(analyzer="standard", preserve_separators=False)
        # The original title and summary, shown on the results page.
        display = Object(enabled=False)
        url = Keyword(index=False)
        published_at = Date()
        country = Keyword()
        theme = Keyword()
        sdg = Keyword()
        year = Keyword()
        organisation = Keyword()
        status = Keyword()
        stage = Keyword()
        level = Keyword()
        partner = Keyword()
        province = Keyword()
        agency = Keyword()
        university = Keyword()
        lab_open = Keyword()
        place = Keyword()

        class Meta:
            source = MetaField(excludes=NOT_DISPLAYED)
            meta = MetaField(mapping_version=MAPPING_VERSION)

    return PageDocument


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


def _indexed_text(document: IndexDocument) -> dict:
    """The searched fields of ``document``: its text as ``search.analysis`` analyses it.

    All-ASCII text (English pages) has nothing to normalise, stem or romanise: it is indexed as it
    is, without the per-word pass, so English pages cost what they did before.
    """
    texts = (document.title, document.summary, document.body, document.attachments)
    if all(text.isascii() for text in texts):
        return {
            "title": document.title,
            "summary": document.summary,
            "body": document.body,
            "attachments": document.attachments,
            "title_words": document.title,
            "title_suggest": {"input": _suggest_inputs(document.title)},
        }
    analysed = analyse_document(
        title=document.title,
        summary=document.summary,
        body=document.body,
        attachments=document.attachments,
        language=document.language,
    )
    title_words = normalise(document.title)
    return {
        "title": analysed.title,
        "summary": analysed.summary,
        "body": analysed.body,
        "attachments": analysed.attachments,
        "romanised": analysed.romanised,
        "title_words": title_words,
        "title_romanised": " ".join(romanised_keys(title_words)),
        "title_suggest": {"input": _suggest_inputs(title_words)},
    }


def _marked_hits(response_hits, words: tuple[str, ...]) -> list[Hit]:
    """Hits with their original title and a snippet of their original text, query words marked.

    The snippet comes from the summary (in ``_source``) when it mentions a query word; otherwise
    from the body or attachments, read for those hits only from the embedded engine's rows (every
    write goes there first), in one query: the index keeps no body to send back.
    """
    hits, needs_body = [], []
    for hit in response_hits:
        # Indexes built before MAPPING_VERSION 2 kept the original title and summary as such.
        display = getattr(hit, "display", None) or hit
        title = getattr(display, "title", "") or ""
        summary = getattr(display, "summary", "") or ""
        published = getattr(hit, "published_at", None)
        marked_summary = snippet([summary], words) if words else None
        result = Hit(
            page_id=int(hit.meta.id),
            title=title,
            url=hit.url,
            content_type=hit.content_type,
            summary=summary,
            published_at=datetime.fromisoformat(published)
            if isinstance(published, str)
            else published,
            title_html=highlight(title, words) if words else escape(title),
            snippet_html=marked_summary if marked_summary else escape(summary[:220]),
            score=hit.meta.score or 0.0,
        )
        if words and "<mark>" not in marked_summary:
            needs_body.append(result)
        hits.append(result)
    if needs_body:
        texts = {
            page_id: (body, attachments)
            for page_id, body, attachments in SearchDocument.objects.filter(
                page_id__in=[hit.page_id for hit in needs_body]
            ).values_list("page_id", "body", "attachments")
        }
        for hit in needs_body:
            if hit.page_id in texts:
                hit.snippet_html = snippet([hit.summary, *texts[hit.page_id]], words)
    return hits


def _suggestion(source) -> Suggestion:
    display = getattr(source, "display", None) or source
    return Suggestion(title=display.title, url=source.url, content_type=source.content_type)


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


def _suggest_inputs(title: str) -> list[str]:
    """The title and each of its word-suffixes, so "reform" completes "Civil service reform"."""
    words = title.split()
    return [" ".join(words[i:]) for i in range(min(len(words), SUGGEST_MAX_INPUTS))]


class ElasticsearchEngine:
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

    # --- index management ---------------------------------------------------------------------

    def _create_index(self, name: str, settings: dict | None = None) -> None:
        # Start from what this cluster accepted last time; fall further back if it now refuses.
        known = _cluster_analysis.get(self.url)
        order = [analysis for analysis, _analyzer, _marker in TEXT_ANALYSES]
        analyses = TEXT_ANALYSES[order.index(known) if known else 0 :]
        for stemming, text_analyzer, _filter in analyses:
            document = page_document_class(text_analyzer)
            body = document._index.to_dict()
            body.setdefault("settings", {}).update(
                {"number_of_shards": 1, "number_of_replicas": 0, **(settings or {})}
            )
            body["mappings"] = document._doc_type.mapping.to_dict()
            try:
                self.client.indices.create(index=name, **body)
            except ApiError as exc:
                if stemming != analyses[-1][0] and getattr(exc, "error", "") in (
                    "illegal_argument_exception",
                    "resource_not_found_exception",
                ):
                    logger.info("search: Elasticsearch refused the %s analyzer: %s", stemming, exc)
                    continue
                raise
            self.mapping_version = MAPPING_VERSION
            if known != stemming:
                _cluster_analysis[self.url] = stemming
                log = logger.info if stemming == "english" else logger.warning
                log("search: Elasticsearch indexes English text with %s stemming", stemming)
            self.stemming = stemming
            return

    def ensure_index(self) -> None:
        try:
            if self.client.indices.exists_alias(name=self.alias):
                return
            name = self._new_index_name()
            self._create_index(name)
            self.client.indices.put_alias(index=name, name=self.alias)
        except (ApiError, TransportError) as exc:
            raise SearchUnavailable(str(exc)) from exc

    def _new_index_name(self) -> str:
        return f"{self.alias}-{datetime.now(UTC).strftime('%Y%m%d%H%M%S%f')}"

    def drop(self) -> None:
        """Delete the alias and every index behind it (tests and benchmarks)."""
        try:
            indices = list(self.client.indices.get_alias(name=self.alias).keys())
        except NotFoundError:
            indices = []
        for index in indices:
            self.client.indices.delete(index=index, ignore_unavailable=True)

    def refresh(self) -> None:
        self.client.indices.refresh(
            index=self.alias, ignore_unavailable=True, allow_no_indices=True
        )

    # --- writes -------------------------------------------------------------------------------

    def _action(self, document: IndexDocument, index: str) -> dict:
        title, summary = document.title, document.summary
        source = {
            "content_type": document.content_type,
            "display": {"title": title, "summary": summary},
            "url": document.url,
            "published_at": document.published_at.isoformat() if document.published_at else None,
            **_indexed_text(document),
        }
        for facet in FACETS:
            if facet != "content_type":
                source[facet] = list(document.facets.get(facet, []))
        return {
            "_op_type": "index",
            "_index": index,
            "_id": str(document.page_id),
            "_source": source,
        }

    def _bulk_index(self, documents: list[IndexDocument], index: str, *, refresh: bool) -> None:
        bulk(
            self.client,
            (self._action(d, index) for d in documents),
            chunk_size=BULK_CHUNK_SIZE,
            refresh=refresh,
        )

    def _bulk_index_pipelined(self, batches, index: str) -> int:
        """Index every batch with up to BULK_REQUESTS_IN_FLIGHT bulk requests at a time.

        One request at a time leaves a core idle on a small node (a bulk request to one shard is
        indexed by one thread) while this process builds the next request. The batches are read
        here, in the calling thread, because they may query the database and Django's connections
        belong to a thread; the workers only send ready-made actions.
        """
        count = 0
        with ThreadPoolExecutor(max_workers=BULK_REQUESTS_IN_FLIGHT) as pool:
            in_flight: set = set()
            for documents in batches:
                for start in range(0, len(documents), BULK_CHUNK_SIZE):
                    actions = [
                        self._action(d, index) for d in documents[start : start + BULK_CHUNK_SIZE]
                    ]
                    if len(in_flight) >= BULK_REQUESTS_IN_FLIGHT:
                        done, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                        for request in done:
                            request.result()  # raises the bulk request's error, if any
                    in_flight.add(
                        pool.submit(
                            bulk, self.client, actions, chunk_size=len(actions), refresh=False
                        )
                    )
                count += len(documents)
            for request in in_flight:
                request.result()
        return count

    def upsert(self, documents: list[IndexDocument]) -> None:
        if not documents:
            return
        try:
            self.ensure_index()
            self._bulk_index(documents, self.alias, refresh=self.refresh_on_write)
        except (ApiError, TransportError, BulkIndexError) as exc:
            raise SearchUnavailable(str(exc)) from exc

    def delete(self, page_ids: list[int]) -> None:
        if not page_ids:
            return
        actions = ({"_op_type": "delete", "_index": self.alias, "_id": str(pk)} for pk in page_ids)
        try:
            if not self.client.indices.exists_alias(name=self.alias):
                return
            bulk(self.client, actions, raise_on_error=False, refresh=self.refresh_on_write)
        except (ApiError, TransportError) as exc:
            raise SearchUnavailable(str(exc)) from exc

    def rebuild(self, batches) -> int:
        """Fill a new index from ``batches`` of documents, then swap the alias onto it.

        Cluster-state changes cost far more than indexing a thousand documents on a small node,
        so a rebuild makes three: create the index (not refreshing while it fills, as nothing
        searches it yet), restore the refresh interval, and one alias update that moves the
        alias and deletes the old index together. The explicit refresh before the swap makes
        every document searchable the moment the alias points at it.
        """
        name = self._new_index_name()
        try:
            self._create_index(name, settings={"refresh_interval": "-1"})
            count = self._bulk_index_pipelined(batches, name)
            self.client.indices.put_settings(index=name, settings={"refresh_interval": None})
            self.client.indices.refresh(index=name)
            try:
                old = list(self.client.indices.get_alias(name=self.alias).keys())
            except NotFoundError:
                old = []
            self.client.indices.update_aliases(
                actions=[
                    {"add": {"index": name, "alias": self.alias}},
                    *({"remove_index": {"index": index}} for index in old),
                ]
            )
        except BaseException as exc:
            # Whatever stopped the rebuild (the cluster, a bulk error, the batches themselves),
            # the half-filled index goes; the alias still points at the previous one.
            try:
                self.client.options(ignore_status=404).indices.delete(index=name)
            except (ApiError, TransportError):
                logger.warning("search: could not delete the unfinished index %s", name)
            if isinstance(exc, ApiError | TransportError | BulkIndexError):
                raise SearchUnavailable(str(exc)) from exc
            raise
        return count

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
            ["display", "title", "summary", "url", "content_type", "published_at"]
        )
        search = search[request.offset : request.offset + request.per_page]
        try:
            response = search.execute()
        except (ApiError, TransportError) as exc:
            raise SearchUnavailable(str(exc)) from exc
        hits = _marked_hits(response.hits, parsed.all_words)
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
            suggestions.append(_suggestion(option._source))
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
                    suggestions.append(_suggestion(hit))
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
