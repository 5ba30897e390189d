"""Wagtail's search backend, answered by the project's engine: one index for every search box.

    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend", "AUTO_UPDATE": False}}

Wagtail's API (``?search=``), the admin's page search and the page chooser ask this backend
about pages. The project's index holds live public pages only (``search.documents``), so a page
queryset is answered in two parts:

1. its pages that are in the index, by the engine, ranked as the site search ranks them
   (stems, the region's scripts, partner names: the same documents, so the same answer);
2. its other pages (drafts, private pages, types that are not indexed) by plain database
   filtering, as Wagtail's fallback backend does. Autocomplete (the admin's page search and
   choosers) also matches the first letters of any title there, which a word index cannot.

Only pages of the caller's queryset ever come back, so what a caller may see is what its
queryset admits: the public API passes live public pages, the admin what the editor may
explore. Images, documents, snippets and users have no index: they are filtered in the
database, as before.

Nothing is written here: the project's signals (``search.signals``) keep its index, so a
publish is indexed once. ``AUTO_UPDATE: False`` and ``search_auto_update`` (see
``SearchConfig.ready``) keep Wagtail's signal handlers and ``update_index`` from building a
second index.
"""

from __future__ import annotations

from django.db.models import Count, Q
from modelsearch.backends.base import (
    BaseSearchBackend,
    BaseSearchQueryCompiler,
    BaseSearchResults,
    SearchFieldError,
)
from modelsearch.backends.database.fallback import (
    MATCH_ALL,
    MATCH_NONE,
    DatabaseSearchQueryCompiler,
    DatabaseSearchResults,
)
from modelsearch.query import And, Boost, Phrase, PlainText
from wagtail.models import Page

from . import service
from .models import SearchDocument

#: How many index matches an autocomplete or an explicitly ordered search reads: those need
#: every match's id at once (to leave them out of the database part, or to order them with
#: it), where a ranked search reads only the slice asked for.
INDEX_MATCHES_MAX = 1000


def query_text(query) -> tuple[str, bool] | None:
    """``query`` as the text the site search would be given, and whether any one word is
    enough (Wagtail's ``operator="or"``); None when it cannot be said as text (match all,
    fuzzy, negation), which the database then answers alone."""
    if isinstance(query, Boost):
        return query_text(query.subquery)
    if isinstance(query, PlainText):
        return query.query_string, query.operator == "or"
    if isinstance(query, Phrase):
        return '"' + query.query_string.replace('"', " ") + '"', False
    if isinstance(query, And):
        parts = [query_text(subquery) for subquery in query.subqueries]
        if any(part is None or part[1] for part in parts):
            return None
        return " ".join(text for text, _any in parts), False
    return None


class ProjectSearchQueryCompiler(BaseSearchQueryCompiler):
    #: Every word must match, as on the site search.
    DEFAULT_OPERATOR = "and"
    HANDLES_ORDER_BY_EXPRESSIONS = True
    is_autocomplete = False

    def check(self):
        # Filters and ordering stay on the caller's queryset and run in the database, so any
        # field may be filtered or ordered by; only fields to search in must be declared.
        if self.fields:
            allowed = {f.field_name for f in self.queryset.model.get_searchable_search_fields()}
            for name in self.fields:
                if name not in allowed:
                    raise SearchFieldError(
                        f'Cannot search with field "{name}". Please add '
                        f'index.SearchField("{name}") to '
                        f"{self.queryset.model.__name__}.search_fields.",
                        field_name=name,
                    )

    def index_text(self) -> tuple[str, bool] | None:
        """What the engine is asked, or None when the database answers alone."""
        if not issubclass(self.queryset.model, Page) or self.fields:
            return None
        return query_text(self.query)

    def database_compiler(self, fields=None) -> DatabaseSearchQueryCompiler:
        return DatabaseSearchQueryCompiler(
            self.queryset,
            self.query,
            fields=fields or self.fields,
            order_by_relevance=self.order_by_relevance,
        )


class ProjectAutocompleteQueryCompiler(ProjectSearchQueryCompiler):
    is_autocomplete = True


class ProjectSearchResults(BaseSearchResults):
    def __init__(self, backend, query_compiler, prefetch_related=None):
        super().__init__(backend, query_compiler, prefetch_related=prefetch_related)
        #: What every slice of one search shares: the pages the engine is restricted to and
        #: how many of them match (the API counts the results, then takes a slice).
        self._shared: dict = {}

    def _clone(self):
        clone = super()._clone()
        clone._shared = self._shared
        return clone

    # --- the two parts ----------------------------------------------------------------------

    def _database_only(self) -> DatabaseSearchResults:
        results = DatabaseSearchResults(self.backend, self.query_compiler.database_compiler())
        results.start, results.stop = self.start, self.stop
        results._score_field = self._score_field
        return results

    def _restriction(self) -> dict:
        """What the engine is restricted to: the caller's pages that are in the index.

        When they are every indexed page of their content types (the API's live public
        pages of a type, a superuser's admin search), the content types say it in a few
        words; otherwise (an editor's subtree, an API filter) the page ids are listed.
        """
        documents = SearchDocument.objects.filter(
            page_id__in=self.query_compiler.queryset.order_by().values("pk")
        ).order_by()
        mine = dict(documents.values_list("content_type").annotate(n=Count("pk")))
        if not mine:
            return {"content_types": (), "page_ids": ()}
        every = dict(
            SearchDocument.objects.filter(content_type__in=mine)
            .order_by()
            .values_list("content_type")
            .annotate(n=Count("pk"))
        )
        if every == mine:
            return {"content_types": tuple(sorted(mine)), "page_ids": None}
        page_ids = tuple(documents.values_list("page_id", flat=True))
        return {"content_types": tuple(sorted(mine)), "page_ids": page_ids}

    def _ranked(self, start: int, limit: int) -> list[tuple[int, float]]:
        if limit <= 0 and "index_total" in self._shared:
            return []
        text, any_terms = self.query_compiler.index_text()
        ranked, total = service.ranked_page_ids(
            text=text, start=start, limit=limit, any_terms=any_terms, **self._shared["restriction"]
        )
        self._shared["index_total"] = total
        return ranked

    @property
    def _index_total(self) -> int:
        return self._shared["index_total"]

    def _text_filter(self, fields=None) -> Q | None:
        """The database's condition for the query's words (None: nothing matches)."""
        condition = self.query_compiler.database_compiler(fields).build_database_filter(
            self.query_compiler.query
        )
        if condition == MATCH_NONE:
            return None
        return Q() if condition == MATCH_ALL else condition

    def _database_part(self, leave_out: list[int]):
        """The caller's pages the engine does not answer for, matched in the database."""
        queryset = self.query_compiler.queryset
        if self.query_compiler.is_autocomplete:
            # Any title starting (or containing) what was typed, beside the engine's words.
            fields = [f.field_name for f in queryset.model.get_autocomplete_search_fields()]
            condition = self._text_filter(fields or None)
            others = queryset.exclude(pk__in=leave_out)
        else:
            condition = self._text_filter()
            others = queryset.exclude(pk__in=SearchDocument.objects.values("page_id"))
        if condition is None:
            return queryset.none()
        others = others.filter(condition).distinct()
        return others if others.query.order_by else others.order_by("-pk")

    # --- evaluation -------------------------------------------------------------------------

    def _prepare(self) -> None:
        if "restriction" not in self._shared:
            self._shared["restriction"] = self._restriction()

    def _objects_in_order(self, ranked: list[tuple[int, float]]) -> list:
        found = {
            o.pk: o for o in self.query_compiler.queryset.filter(pk__in=[r[0] for r in ranked])
        }
        objects = []
        for page_id, score in ranked:
            obj = found.get(page_id)
            if obj is not None:
                if self._score_field:
                    setattr(obj, self._score_field, score)
                objects.append(obj)
        return objects

    def _do_search(self):
        if self.query_compiler.index_text() is None:
            return list(self._database_only())
        self._prepare()
        if self.query_compiler.is_autocomplete or not self.query_compiler.order_by_relevance:
            return self._search_all_at_once()
        limit = INDEX_MATCHES_MAX if self.stop is None else self.stop - self.start
        ranked = self._ranked(self.start, limit) if limit > 0 else []
        objects = self._objects_in_order(ranked)
        if self.stop is not None and len(ranked) >= limit:
            return objects
        # The index part ends inside (or before) this slice: the database part follows it.
        database_start = max(0, self.start - self._index_total)
        rest = self._database_part(leave_out=[])
        if self.stop is None:
            return objects + list(rest[database_start:])
        return objects + list(rest[database_start : database_start + limit - len(ranked)])

    def _search_all_at_once(self):
        """Autocomplete and explicitly ordered searches: every index match's id first."""
        ranked = self._ranked(0, INDEX_MATCHES_MAX)
        ids = [page_id for page_id, _score in ranked]
        rest = self._database_part(leave_out=ids)
        if not self.query_compiler.order_by_relevance:
            # The caller's order over both parts together.
            queryset = self.query_compiler.queryset
            both = queryset.filter(Q(pk__in=ids) | Q(pk__in=rest.order_by().values("pk")))
            both = both if both.query.order_by else both.order_by("-pk")
            return list(both[self.start : self.stop])
        # Which matches the caller admits is read as ids; only the requested slice is loaded
        # as pages (the admin's page search used to load all 1,000 to show 20).
        admitted = set(self.query_compiler.queryset.filter(pk__in=ids).values_list("pk", flat=True))
        ranked = [(page_id, score) for page_id, score in ranked if page_id in admitted]
        stop = self.stop
        if stop is not None and stop <= len(ranked):
            return self._objects_in_order(ranked[self.start : stop])
        database_start = max(0, self.start - len(ranked))
        database_stop = None if stop is None else stop - len(ranked)
        return self._objects_in_order(ranked[self.start :]) + list(
            rest[database_start:database_stop]
        )

    def _do_count(self):
        if self.query_compiler.index_text() is None:
            return self._database_only().count()
        self._prepare()
        if self.query_compiler.is_autocomplete or not self.query_compiler.order_by_relevance:
            ranked = self._ranked(0, INDEX_MATCHES_MAX)
            ids = [page_id for page_id, _score in ranked]
            total = len(ids) + self._database_part(leave_out=ids).count()
        else:
            self._ranked(0, 0)
            total = self._index_total + self._database_part(leave_out=[]).count()
        return max(0, min(total, self.stop if self.stop is not None else total) - self.start)


class ProjectSearchBackend(BaseSearchBackend):
    query_compiler_class = ProjectSearchQueryCompiler
    autocomplete_query_compiler_class = ProjectAutocompleteQueryCompiler
    results_class = ProjectSearchResults
    # BaseIndex: every write is a no-op; search.signals keeps the project's index.
    rebuilder_class = None


SearchBackend = ProjectSearchBackend
