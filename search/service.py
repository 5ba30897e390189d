"""The search service: the one interface every view (and the index pages' facets) uses.

Reads go to Elasticsearch when ``ELASTICSEARCH_URL`` is set and fall back to the embedded engine
(with a notice) when it cannot answer. Writes always go to the embedded engine, so the fallback
has current data, and to Elasticsearch when configured; an Elasticsearch failure is logged and
never breaks publishing. The failed pages are recorded (``SearchPendingWrite``) and retried by
the next successful write or ``manage.py rebuild_search_index --pending``; a full rebuild
catches up with everything.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Count, F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.models import Page

from challenges.models import ChallengeStatus
from core.background import retry_later
from core.facets import Facet, FacetOption
from core.languages import LANGUAGE_CODES, language_is_supported, language_name_local

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
from .engines.elastic import ElasticsearchEngine, SearchUnavailable
from .engines.embedded import EmbeddedEngine
from .models import SearchDocument, SearchPendingWrite

logger = logging.getLogger(__name__)

MAX_FILTER_VALUES = 20
AUTOCOMPLETE_LIMIT = 8
FACET_TITLES = {
    "content_type": "Type",
    "language": "Language",
    "country": "Country",
    "theme": "Theme",
    "sdg": "Sustainable Development Goal",
    "year": "Year",
    "organisation": "Partner or lab",
    "status": "Challenge status",
    "stage": "Stage",
    "level": "Level of government",
    "partner": "Partner",
    "province": "Province or state",
    "agency": "Agency",
    "university": "University",
    "lab_open": "Open for members",
    "place": "Place",
}


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
    documents: a filter becomes a page-id restriction, counts come from SQL over the matched
    pages — the same for every engine.
    """
    parsed = parse_query(request.text)
    engine_request = _engine_request(request)
    engines = read_engines()
    # Elasticsearch is configured but left out while its breaker is open.
    elastic_skipped = (
        elasticsearch_engine() is not None and engines[0].name != ElasticsearchEngine.name
    )
    notice = _reduced_mode_notice() if elastic_skipped else ""
    result = engine = None
    for engine in engines:
        try:
            result = engine.search(engine_request, parsed)
            if request.with_facets:
                if own_facet_counts:
                    _recount_selected_facets(engine, request, parsed, result.facet_counts)
                _count_query_time_facets(
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
        facets=_facets(result.facet_counts, request, facet_names),
        engine=engine.name,
        notice=notice,
    )
    if result.total == 0 and not parsed.is_empty:
        _add_no_result_help(results, engine, request, parsed)
    return results


def hit_languages_fill(results: SearchResults) -> None:
    """Give each hit shown the language its page is written in, so its title and snippet can
    be marked with it. One query for the page of results; the index pages, which only need
    page ids, skip it."""
    hits = [*results.hits, *results.nearest]
    if not hits:
        return
    languages = dict(
        Page.objects.filter(pk__in={hit.page_id for hit in hits}).values_list(
            "pk", "locale__language_code"
        )
    )
    for hit in hits:
        hit.language = languages.get(hit.page_id, "")


def _engine_request(request: SearchRequest) -> SearchRequest:
    """``request`` as the engines take it: each query-time facet filter becomes a restriction to
    the pages whose current value is selected (which excludes every other content type, as a
    filter on that facet means)."""
    declared = query_time_facets()
    selected = {name: values for name, values in request.filters.items() if name in declared}
    if not selected:
        return request
    page_ids = None if request.page_ids is None else set(request.page_ids)
    for name, values in selected.items():
        admitted = set()
        for _content_type, facet in declared[name]:
            admitted.update(
                facet.pages()
                .filter(**{f"{facet.value_field}__in": values})
                .order_by()
                .values_list("pk", flat=True)
            )
        page_ids = admitted if page_ids is None else page_ids & admitted
    return replace(
        request,
        filters={k: v for k, v in request.filters.items() if k not in selected},
        page_ids=tuple(sorted(page_ids)),
    )


def _count_query_time_facets(
    engine, request: SearchRequest, parsed, counts: dict, *, facet_names, own_facet_counts: bool
) -> None:
    """Replace the stored counts of each query-time facet by counts of the current values of
    the matched pages of its type (without its own filter when ``own_facet_counts``)."""
    for name, declarers in query_time_facets().items():
        if name not in facet_names:
            counts.pop(name, None)
            continue
        base = request
        if own_facet_counts and name in request.filters:
            base = replace(request, filters={k: v for k, v in request.filters.items() if k != name})
        known_totals = None
        if base is request and "content_type" not in request.filters:
            # The main query already counted the matched documents of each type.
            known_totals = dict(counts.get("content_type", []))
        totals: dict[str, int] = {}
        for content_type, facet in declarers:
            if request.content_types and content_type not in request.content_types:
                continue
            typed = _engine_request(replace(base, content_types=(content_type,)))
            typed = replace(typed, page=1, per_page=1, with_facets=False)
            if known_totals is not None:
                matched = known_totals.get(content_type, 0)
            else:
                matched = engine.search(typed, parsed).total
            if not matched:
                continue
            found = _counts_from_ids(engine, typed, parsed, facet)
            for value, n in found.items():
                totals[value] = totals.get(value, 0) + n
        counts[name] = sorted(
            ((value, n) for value, n in totals.items() if n), key=lambda item: (-item[1], item[0])
        )


def _counts_from_ids(engine, request: SearchRequest, parsed, facet) -> dict[str, int]:
    """The current values of the matched pages, counted in the database: one engine query for
    the matched ids (ids only: no ranking, no snippets) and one for their values, however many
    pages match."""
    page_ids = engine.matched_page_ids(request, parsed)
    rows = (
        facet.pages()
        .filter(pk__in=page_ids)
        .order_by()
        .values_list(facet.value_field)
        .annotate(n=Count("pk", distinct=True))
    )
    return {str(value): n for value, n in rows}


def _recount_selected_facets(engine, request: SearchRequest, parsed, counts: dict) -> None:
    declared = query_time_facets()
    for name in request.filters:
        if name in declared:
            continue  # counted by _count_query_time_facets
        others = {k: v for k, v in request.filters.items() if k != name}
        recount = SearchRequest(
            text=request.text, filters=others, sort=request.sort, per_page=1,
            content_types=request.content_types, page_ids=request.page_ids,
        )  # fmt: skip
        counts[name] = engine.search(_engine_request(recount), parsed).facet_counts.get(name, [])


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
            results.nearest = engine.any_terms(_engine_request(nearest_request), parsed).hits
    except SearchUnavailable:
        logger.exception("search: suggestions unavailable")


def _facets(counts: dict, request: SearchRequest, names=SEARCH_PAGE_FACETS) -> list[Facet]:
    labels = _facet_labels()
    facets = []
    for name in names:
        selected = set(request.filters.get(name, []))
        options = [
            FacetOption(
                value=value,
                label=labels.get(name, {}).get(value, value),
                count=count,
                selected=value in selected,
            )
            for value, count in counts.get(name, [])
        ]
        # A selected value the current results no longer contain stays visible to be unticked.
        present = {o.value for o in options}
        options += [
            FacetOption(value=v, label=labels.get(name, {}).get(v, v), count=0, selected=True)
            for v in request.filters.get(name, []) if v not in present
        ]  # fmt: skip
        if name == "year":
            options.sort(key=lambda o: o.value, reverse=True)
        if name == "language":
            # In the switcher's order, so a reader finds theirs in the same place.
            for option in options:
                option.language = option.value
            options.sort(key=lambda o: _language_position(o.value))
        if options:
            facets.append(Facet(name=name, title=_(FACET_TITLES[name]), options=options))
    return facets


def _language_position(code: str) -> int:
    return LANGUAGE_CODES.index(code) if code in LANGUAGE_CODES else len(LANGUAGE_CODES)


def _facet_labels() -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = {"content_type": content_type_labels()}
    labels["language"] = {code: language_name_local(code) for code in LANGUAGE_CODES}
    labels["country"] = dict(apps.get_model("core", "Country").objects.values_list("code", "name"))
    theme_labels = {}
    for app_label, model_name in (("taggit", "Tag"), ("network", "Theme")):
        model = apps.get_model(app_label, model_name)
        theme_labels.update(dict(model.objects.values_list("slug", "name")))
    labels["theme"] = theme_labels
    goal = apps.get_model("network", "SustainableDevelopmentGoal")
    labels["sdg"] = {
        str(n): f"SDG {n}: {name}" for n, name in goal.objects.values_list("number", "short_name")
    }
    labels["status"] = {str(value): str(label) for value, label in ChallengeStatus.choices}
    return labels


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


# --- status (the "Search index" admin report) -----------------------------------------------


@dataclass
class IndexStatus:
    """What the admin report shows: which engine answers searches, and how full each index is."""

    answering: str  # the label of the engine that answers searches right now
    embedded_label: str
    embedded_documents: int
    pending_writes: int
    elasticsearch_configured: bool
    elasticsearch_host: str = ""  # host[:port] only: never the credentials in the URL
    elasticsearch_reachable: bool = False
    elasticsearch_documents: int | None = None  # None: unreachable, or no index yet
    elasticsearch_error: str = ""


def index_status() -> IndexStatus:
    """The engines' state now. Costs one Elasticsearch request (bounded by
    ``ELASTICSEARCH_TIMEOUT``, no retries) when Elasticsearch is configured, none otherwise."""
    embedded = embedded_engine()
    status = IndexStatus(
        answering=embedded.label,
        embedded_label=embedded.label,
        embedded_documents=SearchDocument.objects.count(),
        pending_writes=pending_writes_count(),
        elasticsearch_configured=False,
    )
    elastic = elasticsearch_engine()
    if elastic is None:
        return status
    status.elasticsearch_configured = True
    status.elasticsearch_host = url_host(conf.elasticsearch_url())
    try:
        status.elasticsearch_documents = elastic.document_count()
    except SearchUnavailable as exc:
        status.elasticsearch_error = redact_credentials(str(exc))[:300]
        return status
    status.elasticsearch_reachable = True
    if status.elasticsearch_documents is not None:
        # Without an index behind the alias, searches fall back to the embedded engine.
        status.answering = elastic.label
    return status


def url_host(url: str) -> str:
    """``host:port`` of ``url``, leaving out the scheme, credentials and path."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname or "", parts.port
    except ValueError:
        return ""
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{port}" if host and port else host


def redact_credentials(text: str) -> str:
    """``text`` without the password of ``ELASTICSEARCH_URL`` (should an error message quote
    the URL): what the admin shows of Elasticsearch errors goes through here."""
    # Credentials in any URL the text quotes; then the configured password wherever it appears
    # bare, unless it is so short that replacing it would garble ordinary words.
    text = re.sub(r"(\b[a-z][a-z0-9+.-]*://)[^/@\s]+@", r"\1***@", text, flags=re.IGNORECASE)
    try:
        password = urlsplit(conf.elasticsearch_url()).password
    except ValueError:
        password = None
    for secret in {password, unquote(password or "")} - {None, ""}:
        if len(secret) >= 4:
            text = text.replace(secret, "***")
    return text


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
