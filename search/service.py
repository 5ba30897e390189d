"""The search service: the one interface every view (and the index pages' facets) uses.

Reads go to Elasticsearch when ``ELASTICSEARCH_URL`` is set and fall back to the embedded engine
(with a notice) when it cannot answer. Writes always go to the embedded engine, so the fallback
has current data, and to Elasticsearch when configured; an Elasticsearch failure is logged and
never breaks publishing. The failed pages are recorded (``SearchPendingWrite``) and retried by
the next successful write or ``manage.py rebuild_search_index --pending``; a full rebuild
catches up with everything.

Facet counting and labels live in ``facet_counts``, the admin report's state in ``status``.
Longer than 400 lines on purpose: the writes stay beside the reads because the Elasticsearch
write task is stored in the task queue by its path (``search.service.elasticsearch_sync``), so
moving it would strand tasks queued before a deploy, and it shares the engine choice below.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.models import Page

from core.background import retry_later
from core.facets import Facet, known_place_codes
from core.languages import language_is_supported

from . import breaker, conf
from .adapters import content_type_labels, query_time_facets
from .analysis import normalise
from .documents import document_batches
from .engines.base import (
    FACETS,
    SEARCH_PAGE_FACETS,
    SORTS,
    WORD_RE,
    Hit,
    IndexDocument,
    SearchRequest,
    Suggestion,
    parse_query,
)
from .engines.elastic.engine import ElasticsearchEngine
from .engines.elastic.errors import SearchUnavailable
from .engines.embedded import EmbeddedEngine
from .facet_counts import (
    engine_request,
    facets_labelled,
    query_time_facets_count,
    selected_facets_recount,
)
from .models import SearchPendingWrite

logger = logging.getLogger(__name__)

MAX_FILTER_VALUES = 20
AUTOCOMPLETE_LIMIT = 8


@dataclass
class SearchResults:
    request: SearchRequest
    hits: list[Hit]
    total: int
    facets: list[Facet]
    engine: str
    notice: str = ""
    spelling: dict[str, str] = field(default_factory=dict)
    suggested_query: str = ""
    nearest: list[Hit] = field(default_factory=list)

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.request.per_page))

    @property
    def has_next(self) -> bool:
        return self.request.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.request.page > 1


# --- engines ------------------------------------------------------------------------------------


def embedded_engine() -> EmbeddedEngine:
    return EmbeddedEngine()


@lru_cache(maxsize=4)
def _elasticsearch_engine(url: str, prefix: str, refresh: bool) -> ElasticsearchEngine:
    return ElasticsearchEngine(
        url, prefix, timeout=conf.elasticsearch_timeout(), refresh_on_write=refresh
    )


def elasticsearch_engine() -> ElasticsearchEngine | None:
    if conf.engine_choice() != "elasticsearch":
        return None
    refresh = bool(getattr(settings, "SEARCH_REFRESH_ON_WRITE", False))
    return _elasticsearch_engine(
        conf.elasticsearch_url(), conf.elasticsearch_index_prefix(), refresh
    )


def read_engines() -> list:
    """Elasticsearch (when configured and its circuit breaker is closed), then the embedded one."""
    engines = []
    elastic = elasticsearch_engine()
    if elastic is not None and breaker.elasticsearch_allowed():
        engines.append(elastic)
    engines.append(embedded_engine())
    return engines


def _reduced_mode_notice() -> str:
    return _(
        "Search is running in a reduced mode right now: results may rank differently "
        "and very recent changes may be missing."
    )


def _engine_failed(engine) -> None:
    if engine.name == ElasticsearchEngine.name:
        breaker.elasticsearch_failed()


# --- reads --------------------------------------------------------------------------------------


def normalise_request(
    *, text: str = "", filters: dict | None = None, sort: str = "relevance", page: int = 1,
    per_page: int = 20, with_facets: bool = True, content_types=(), page_ids=None,
) -> SearchRequest:  # fmt: skip
    """Keep only known facets and bounded values: request parameters are untrusted."""
    clean_filters = {}
    for facet, values in (filters or {}).items():
        if facet not in FACETS:
            continue
        if isinstance(values, str):
            values = [values]
        kept = [str(v)[:200] for v in values if v and str(v).strip()]
        if facet == "language":
            # A closed set: an unknown code would only empty the results (and mark its label).
            kept = [v for v in kept if language_is_supported(v)]
        if facet == "place":
            # Gazetteer codes only: an unknown one would only empty the results, unlabelled.
            kept = list(known_place_codes(kept))
        # De-duplicated before the cap, so a value repeated fifty times leaves room for others.
        kept = list(dict.fromkeys(kept))[:MAX_FILTER_VALUES]
        if kept:
            clean_filters[facet] = kept
    return SearchRequest(
        text=(text or "")[:1000],
        filters=clean_filters,
        sort=sort if sort in SORTS else "relevance",
        page=max(1, min(int(page or 1), 500)),
        per_page=max(1, min(int(per_page or 20), 100)),
        with_facets=with_facets,
        content_types=tuple(str(c) for c in content_types),
        page_ids=page_ids
        if page_ids is None or isinstance(page_ids, QuerySet)
        else tuple(int(i) for i in page_ids),
    )


def search(
    request: SearchRequest, *, facet_names=SEARCH_PAGE_FACETS, own_facet_counts: bool = False
) -> SearchResults:
    """Run ``request`` on the first engine that answers.

    ``own_facet_counts`` (the index pages): each selected facet's options are counted with
    every *other* filter applied but not its own, so a count says how many results that option
    gives when added (values within a facet combine with OR, facets with AND).

    Query-time facets (a challenge's status) are never filtered or counted from the stored
    documents: a filter becomes a page-id restriction, counts come from the current values of
    the matched pages — the same for every engine.
    """
    parsed = parse_query(request.text)
    for_engines = engine_request(request)
    engines = read_engines()
    # Elasticsearch is configured but left out while its breaker is open.
    elastic_skipped = (
        elasticsearch_engine() is not None and engines[0].name != ElasticsearchEngine.name
    )
    notice = _reduced_mode_notice() if elastic_skipped else ""
    result = engine = None
    for engine in engines:
        try:
            result = engine.search(for_engines, parsed)
            if request.with_facets:
                if own_facet_counts:
                    selected_facets_recount(engine, request, parsed, result.facet_counts)
                elif "place" in facet_names:
                    # A chosen district's province offers the way back up with its own count,
                    # as the index pages' place tree does.
                    selected_facets_recount(
                        engine, request, parsed, result.facet_counts, only=("place",)
                    )
                query_time_facets_count(
                    engine, request, parsed, result.facet_counts,
                    facet_names=facet_names, own_facet_counts=own_facet_counts,
                )  # fmt: skip
            break
        except SearchUnavailable:
            logger.exception("search: %s unavailable, falling back", engine.name)
            _engine_failed(engine)
            notice = _reduced_mode_notice()
    results = SearchResults(
        request=request,
        hits=result.hits,
        total=result.total,
        facets=facets_labelled(result.facet_counts, request, facet_names),
        engine=engine.name,
        notice=notice,
    )
    if result.total == 0 and not parsed.is_empty:
        _add_no_result_help(results, engine, request, parsed)
    return results


def hits_describe(results: SearchResults) -> None:
    """Give each hit shown the language its page is written in, so its title and snippet can
    be marked with it, and its type's name for its badge (looked up once, not per card).
    One query for the page of results; the index pages, which only need page ids, skip it."""
    hits = [*results.hits, *results.nearest]
    if not hits:
        return
    type_labels = content_type_labels()
    languages = dict(
        Page.objects.filter(pk__in={hit.page_id for hit in hits}).values_list(
            "pk", "locale__language_code"
        )
    )
    for hit in hits:
        hit.language = languages.get(hit.page_id, "")
        hit.type_label = type_labels.get(hit.content_type, "")


def _add_no_result_help(results, engine, request, parsed) -> None:
    try:
        results.spelling = engine.spelling(parsed.all_words)
        if results.spelling:
            results.suggested_query = WORD_RE.sub(
                lambda m: results.spelling.get(normalise(m.group(0)).lower(), m.group(0)),
                request.text[:200],
            )
        if len(parsed.all_words) > 1:
            nearest_request = SearchRequest(
                text=request.text, filters=request.filters, per_page=5, with_facets=False,
                content_types=request.content_types, page_ids=request.page_ids,
            )  # fmt: skip
            results.nearest = engine.any_terms(engine_request(nearest_request), parsed).hits
    except SearchUnavailable:
        logger.exception("search: suggestions unavailable")


def ranked_page_ids(
    *, text: str, content_types, page_ids, start: int, limit: int, any_terms: bool = False
) -> tuple[list[tuple[int, float]], int]:
    """(page id, score) of the matches ranked ``start`` to ``start + limit`` among pages of
    ``content_types`` (and of ``page_ids`` unless None), and how many of them match: what
    Wagtail's search backend (``search.backend``) asks, on the first engine that answers, as
    the site search does (no facets, no spelling help)."""
    parsed = parse_query(text)
    if parsed.is_empty or not content_types or page_ids == ():
        return [], 0
    request = SearchRequest(
        text=text,
        with_facets=False,
        content_types=tuple(content_types),
        page_ids=None if page_ids is None else tuple(page_ids),
        per_page=max(limit, 1),
        start=start,
        ids_only=True,
    )
    for engine in read_engines():
        try:
            result = (engine.any_terms if any_terms else engine.search)(request, parsed)
        except SearchUnavailable:
            logger.exception("search: %s unavailable, falling back", engine.name)
            _engine_failed(engine)
            continue
        ranked = [(hit.page_id, hit.score) for hit in result.hits]
        return (ranked if limit > 0 else []), result.total
    return [], 0


def autocomplete(text: str, limit: int = AUTOCOMPLETE_LIMIT) -> list[dict]:
    words = tuple(w.lower() for w in WORD_RE.findall(normalise((text or "")[:100])))[:6]
    if not words or len("".join(words)) < 2:
        return []
    labels = content_type_labels()
    for engine in read_engines():
        try:
            suggestions: list[Suggestion] = engine.autocomplete(words, limit)
            break
        except SearchUnavailable:
            logger.exception("search: autocomplete on %s unavailable", engine.name)
            _engine_failed(engine)
    else:
        return []
    return [
        {"title": s.title, "url": s.url, "type": labels.get(s.content_type, s.content_type)}
        for s in suggestions
    ]


# --- writes -------------------------------------------------------------------------------------


def index_documents(documents: list[IndexDocument]) -> None:
    if not documents:
        return
    with transaction.atomic():
        embedded_engine().upsert(documents)
    if elasticsearch_engine() is not None:
        elasticsearch_sync_after_commit([d.page_id for d in documents])


def remove_pages(page_ids: list[int]) -> None:
    if not page_ids:
        return
    with transaction.atomic():
        embedded_engine().delete(page_ids)
    if elasticsearch_engine() is not None:
        elasticsearch_sync_after_commit(list(page_ids))


def after_commit(callback) -> None:
    """Elasticsearch only hears about a change once the database has committed it."""
    transaction.on_commit(callback)


def elasticsearch_sync_after_commit(page_ids: list[int]) -> None:
    """Queue the Elasticsearch copy of these pages for the worker: no request waits for it."""
    after_commit(lambda: elasticsearch_sync.enqueue(page_ids=page_ids))


#: How many earlier failed pages a successful write retries on the way (the rest wait for the
#: next write or ``rebuild_search_index --pending``), so one task never carries a backlog.
PENDING_RETRY_BATCH = 100


@task()
def elasticsearch_sync(*, page_ids: list[int], attempt: int = 1) -> int:
    """Write these pages' current state to Elasticsearch (their documents, or their removal).

    Runs in the worker. A failure records the pages (``SearchPendingWrite``, shown in the
    "Search index" report), fails this attempt and queues the next one (``core.background``).
    """
    elastic = elasticsearch_engine()
    if elastic is None:
        return 0
    try:
        if not breaker.elasticsearch_allowed():
            # It failed moments ago: do not wait for it again before the cool-down ends.
            raise SearchUnavailable("Elasticsearch recently failed (circuit breaker open)")
        try:
            _elastic_pages_write(elastic, page_ids)
        except SearchUnavailable:
            breaker.elasticsearch_failed()
            raise
    except SearchUnavailable as exc:
        logger.error(
            "search: Elasticsearch write failed for %d page(s); recorded and retried later "
            "(or `manage.py rebuild_search_index --pending`)",
            len(page_ids),
        )
        _pending_record(page_ids, error=str(exc))
        retry_later(elasticsearch_sync, attempt=attempt, page_ids=page_ids)
        raise
    try:
        SearchPendingWrite.objects.filter(page_id__in=page_ids).delete()
        if SearchPendingWrite.objects.exists():
            pending_writes_retry(limit=PENDING_RETRY_BATCH)
    except SearchUnavailable:
        logger.exception("search: retrying earlier failed Elasticsearch writes failed again")
    except DatabaseError:
        logger.exception("search: could not read the pending Elasticsearch writes")
    return len(page_ids)


def _elastic_pages_write(elastic, page_ids: list[int], written: list[int] | None = None) -> None:
    """Each page's document built afresh, or its removal if it is not searchable or gone."""
    written = [] if written is None else written
    existing = Page.objects.filter(pk__in=page_ids)
    for documents, removed in document_batches(existing):
        elastic.upsert(documents)
        elastic.delete(removed)
        written += [d.page_id for d in documents] + list(removed)
    gone = sorted(set(page_ids) - set(existing.values_list("pk", flat=True)))
    elastic.delete(gone)
    written += gone


def _pending_record(page_ids: list[int], *, error: str) -> None:
    """Remember pages whose Elasticsearch copy is stale; never fails the caller."""
    now = timezone.now()
    try:
        with transaction.atomic():
            known = set(
                SearchPendingWrite.objects.filter(page_id__in=page_ids).values_list(
                    "page_id", flat=True
                )
            )
            SearchPendingWrite.objects.filter(page_id__in=known).update(
                failed_at=now, attempts=F("attempts") + 1, error=error[:500]
            )
            SearchPendingWrite.objects.bulk_create(
                [
                    SearchPendingWrite(page_id=page_id, failed_at=now, error=error[:500])
                    for page_id in dict.fromkeys(page_ids)
                    if page_id not in known
                ],
                ignore_conflicts=True,
            )
    except DatabaseError:
        logger.exception("search: could not record %d pending Elasticsearch writes", len(page_ids))


def pending_writes_retry(*, limit: int | None = None) -> int:
    """Write the current state of pages whose Elasticsearch write failed (oldest first).

    Each page's document is built afresh (or the page removed, if it is no longer searchable
    or no longer exists). Returns how many pages were retried; raises SearchUnavailable if
    Elasticsearch still cannot be written, leaving the records for next time.
    """
    elastic = elasticsearch_engine()
    if elastic is None:
        return 0
    started = timezone.now()
    pending = SearchPendingWrite.objects.order_by("failed_at", "page_id")
    page_ids = list(pending.values_list("page_id", flat=True)[:limit])
    if not page_ids:
        return 0
    written: list[int] = []
    try:
        _elastic_pages_write(elastic, page_ids, written)
    except SearchUnavailable as exc:
        # The pages written before the failure are done; each of the others has failed once
        # more (attempts + 1, this error and time), so the records say how long they have waited.
        _pending_forget(written, started)
        done = set(written)
        _pending_record([pk for pk in page_ids if pk not in done], error=str(exc))
        raise
    _pending_forget(page_ids, started)
    return len(page_ids)


def _pending_forget(page_ids: list[int], started) -> None:
    # A record refreshed by a failure while the retry ran stays for the next retry.
    if page_ids:
        SearchPendingWrite.objects.filter(page_id__in=page_ids, failed_at__lte=started).delete()


def pending_writes_count() -> int:
    return SearchPendingWrite.objects.count()


def pending_writes_forget(*, before) -> int:
    """Drop the records a full rebuild started at ``before`` has caught up with."""
    deleted, _details = SearchPendingWrite.objects.filter(failed_at__lt=before).delete()
    return deleted


def facet_search(
    *, content_types=(), text: str = "", filters: dict | None = None, sort: str = "newest",
    page: int = 1, per_page: int = 20, with_facets: bool = True, page_ids=None,
    facet_names=FACETS,
) -> SearchResults:  # fmt: skip
    """What core.search_port hands to the knowledge, labs and challenges index pages.

    Every facet of ``facet_names`` (by default all, including the index-page ones: stage,
    level, partner...) is counted, and a selected facet's own options are counted without its
    own filter.
    """
    return search(
        normalise_request(
            text=text,
            filters=filters,
            sort=sort,
            page=page,
            per_page=per_page,
            content_types=content_types,
            with_facets=with_facets,
            page_ids=page_ids,
        ),
        facet_names=facet_names,
        own_facet_counts=True,
    )


def matching_pages(*, content_types=(), filters: dict | None = None, page_ids=None) -> QuerySet:
    """What core.search_port hands to index pages that list their matches: the ids of the
    searchable pages of ``content_types`` passing ``filters`` (values OR within a facet, AND
    across), as a query (``.values("page_id")``) to use in ``pk__in``, so that the database
    orders, de-duplicates translations and pages them in the query that reads one page.

    Browsing without words is a filter over stored facet values, the same in every engine; it
    is answered from the embedded engine's tables, which every write reaches first and which
    live in the pages' own database. Facet counts and totals still come from ``facet_search``
    (Elasticsearch when configured).
    """
    request = normalise_request(filters=filters, content_types=content_types, page_ids=page_ids)
    clock_dependent = set(request.filters) & set(query_time_facets())
    if clock_dependent:
        raise ValueError(
            f"Facets evaluated at query time cannot be matched here: {clock_dependent}"
        )
    return embedded_engine().matching_pages(request)
