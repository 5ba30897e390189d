"""Search benchmark: indexing throughput and query latency per engine, beside stock Wagtail search.

    DATABASE_URL=sqlite:////tmp/policylab-bench.sqlite3 .venv/bin/python bench/search.py --docs 1000 10000 100000
    ELASTICSEARCH_URL=http://127.0.0.1:9200 ... (adds Elasticsearch; .ci/elasticsearch.sh ES_KEEP_RUNNING=1 starts one)
    DATABASE_URL=postgres://... (the embedded engine is then PostgreSQL full-text)

For each N it generates N realistic documents (governance prose from a Zipf-distributed vocabulary,
titles, summaries, bodies, facets) with planted terms of known document frequency:
rare (~0.5% of documents), mid (~8%) and common (every document). It reports indexing
throughput and p50/p95 latency of the service's search (ranked top 20 + total + all facet counts),
the ranked top 20 alone, and autocomplete, over ~50 fixed queries. The stock approach
(``Page.objects.live().search(q)`` on Wagtail's database backend, first 20 results) runs over real
pages in the same database, with a per-class time budget: where it is too slow to finish, fewer
queries are measured and the table says so. Results are written to bench/results/.

Never point DATABASE_URL at a database you care about: the benchmark creates and deletes pages.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# DEBUG=False settings: the dev settings record every SQL query, which skews timings.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policylab_site.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/policylab-bench.sqlite3")
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")

BATCH = 1000
STOCK_BUDGET_SECONDS = 60  # per query class and size

from bench.corpus import Corpus  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- the stock approach ----------------------------------------------------------------------

#: Wagtail's own database backend, named explicitly: the site's configured backend is the
#: project's engine (search.backend), which this benchmark compares against it.
STOCK_BACKEND = "wagtail.search.backends.database"


def create_stock_pages(documents, parent) -> float:
    """Real StandardPage rows (bulk inserted: treebeard one by one would dominate), then time
    Wagtail's own indexing of them into its database search backend."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from policylab_site.models import StandardPage

    content_type = ContentType.objects.get_for_model(StandardPage)
    now = datetime.now(UTC)
    with transaction.atomic():
        base = parent.numchild
        pages = []
        for offset, document in enumerate(documents, start=1):
            pages.append(
                Page(
                    title=document.title[:255], slug=f"bench-{base + offset}", content_type=content_type,
                    path=Page._get_path(parent.path, parent.depth + 1, base + offset), depth=parent.depth + 1,
                    numchild=0, live=True, locale_id=parent.locale_id, first_published_at=now, last_published_at=now,
                    url_path=f"{parent.url_path}bench-{base + offset}/", draft_title=document.title[:255],
                )
            )  # fmt: skip
        created = Page.objects.bulk_create(pages, batch_size=BATCH)
        ids = (
            [p.pk for p in created]
            if created[0].pk
            else list(
                Page.objects.filter(slug__startswith="bench-")
                .order_by("path")
                .values_list("pk", flat=True)
            )
        )
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO policylab_site_standardpage (page_ptr_id, summary, body) VALUES (%s, %s, %s)",
                [
                    (
                        pk,
                        d.summary[:300],
                        '[{"type": "paragraph", "value": "<p>' + d.body + '</p>", "id": "x"}]',
                    )
                    for pk, d in zip(ids, documents, strict=True)
                ],
            )
        Page.objects.filter(pk=parent.pk).update(numchild=base + len(documents))
    backend = get_search_backend(STOCK_BACKEND)
    queryset = StandardPage.objects.filter(pk__in=ids)
    started = time.perf_counter()
    for start in range(0, len(ids), BATCH):
        backend.add_bulk(StandardPage, list(queryset.filter(pk__in=ids[start : start + BATCH])))
    return len(ids) / (time.perf_counter() - started)


def delete_stock_pages(parent) -> None:
    from django.db import connection
    from wagtail.models import Page
    from wagtail.search.models import IndexEntry

    ids = list(Page.objects.filter(slug__startswith="bench-").values_list("pk", flat=True))
    IndexEntry.objects.filter(object_id__in=[str(i) for i in ids]).delete()
    with connection.cursor() as cursor:
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            marks = ",".join(["%s"] * len(chunk))
            cursor.execute(
                f"DELETE FROM policylab_site_standardpage WHERE page_ptr_id IN ({marks})", chunk
            )
            cursor.execute(f"DELETE FROM wagtailcore_page WHERE id IN ({marks})", chunk)
    Page.objects.filter(pk=parent.pk).update(
        numchild=Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).count()
    )


# --- runs --------------------------------------------------------------------------------------


WITHOUT_RUM = "PostgreSQL full-text without RUM"


@contextmanager
def rank_index_dropped(engine):
    """Measure the PostgreSQL engine as it runs where the RUM extension is missing: the bulk
    write keeps the rank index as it finds it, so it stays away until this puts it back."""
    from django.db import connection

    with connection.cursor() as cursor:
        engine.dialect.drop_rank_index(cursor)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            engine.dialect.create_rank_index(cursor)


def measure_engine(name, engine, documents, queries, service) -> dict:
    from search.engines.base import SearchRequest, parse_query

    row = {"engine": name}
    if hasattr(engine, "rebuild"):

        def batches():
            for start in range(0, len(documents), BATCH):
                yield documents[start : start + BATCH]

        started = time.perf_counter()
        engine.rebuild(batches())
        row["index_rate"] = len(documents) / (time.perf_counter() - started)
    else:
        # The embedded engine's bulk path, as rebuild_search_index uses it (two writer
        # connections on PostgreSQL, one after another on SQLite).
        engine.clear()
        started = time.perf_counter()
        engine.write_batches(
            (documents[start : start + BATCH], []) for start in range(0, len(documents), BATCH)
        )
        row["index_rate"] = len(documents) / (time.perf_counter() - started)
    for kind in ("rare", "mid", "common"):
        full, top = [], []
        for term in queries[kind]:
            parsed = parse_query(term)
            engine.search(SearchRequest(text=term), parsed)  # warm once, as a serving site would be
            # Median of three runs per query: the machine is shared, single samples are noisy.
            full.append(
                statistics.median(
                    timed(lambda t=term, p=parsed: engine.search(SearchRequest(text=t), p))
                    for _ in range(3)
                )
            )
            top.append(
                statistics.median(
                    timed(
                        lambda t=term, p=parsed: engine.search(
                            SearchRequest(text=t, with_facets=False), p
                        )
                    )
                    for _ in range(3)
                )
            )
        row[kind] = (percentile(full, 0.5), percentile(full, 0.95))
        row[kind + "_top"] = (percentile(top, 0.5), percentile(top, 0.95))
    times = []
    for prefix in queries["autocomplete"]:
        words = tuple(prefix.split())
        engine.autocomplete(words, 8)
        times.append(
            statistics.median(timed(lambda w=words: engine.autocomplete(w, 8)) for _ in range(3))
        )
    row["autocomplete"] = (percentile(times, 0.5), percentile(times, 0.95))
    return row


def measure_stock(documents, queries, parent, max_queries: int | None) -> dict:
    from wagtail.models import Page

    row = {"engine": "stock Wagtail DB backend", "notes": []}
    row["index_rate"] = create_stock_pages(documents, parent)
    for kind in ("rare", "mid", "common"):
        times, budget_start = [], time.perf_counter()
        terms = queries[kind][: max_queries or None]
        for term in terms:
            times.append(
                timed(
                    lambda t=term: list(Page.objects.live().search(t, backend=STOCK_BACKEND)[:20])
                )
            )
            if time.perf_counter() - budget_start > STOCK_BUDGET_SECONDS:
                break
        if len(times) < len(queries[kind]):
            row["notes"].append(
                f"{kind}: {len(times)} of {len(queries[kind])} queries (time budget)"
            )
        row[kind] = (percentile(times, 0.5), percentile(times, 0.95))
        row[kind + "_top"] = row[kind]
    times = []
    for prefix in queries["autocomplete"]:
        times.append(timed(lambda p=prefix: list(Page.objects.live().autocomplete(p)[:8])))
        if sum(times) > STOCK_BUDGET_SECONDS * 1000:
            break
    row["autocomplete"] = (percentile(times, 0.5), percentile(times, 0.95))
    return row


def format_table(n: int, rows: list[dict]) -> str:
    stock = next((r for r in rows if r["engine"].startswith("stock")), None)
    lines = [
        f"### {n:,} documents",
        "",
        "| engine | index docs/s | rare p50/p95 ms | mid p50/p95 ms | common p50/p95 ms | top-20 only rare/mid/common p95 ms | autocomplete p50/p95 ms | common p95 vs stock |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:

        def pair(key, row=row):
            p50, p95 = row[key]
            return f"{p50:.1f} / {p95:.1f}"

        ratio = ""
        if stock and row is not stock:
            ratios = []
            for kind in ("rare", "mid", "common"):
                ratio_value = stock[kind][1] / max(row[kind][1], 1e-6)
                ratios.append(
                    f"{ratio_value:,.0f}×" if ratio_value >= 10 else f"{ratio_value:.1f}×"
                )
            ratio = " / ".join(ratios) + " faster (rare/mid/common)"
        tops = " / ".join(f"{row[k + '_top'][1]:.1f}" for k in ("rare", "mid", "common"))
        lines.append(
            f"| {row['engine']} | {row['index_rate']:,.0f} | {pair('rare')} | {pair('mid')} | {pair('common')} | {tops} | {pair('autocomplete')} | {ratio} |"
        )
    for row in rows:
        for note in row.get("notes", []):
            lines.append(f"\n_{row['engine']}: {note}_")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--stock-max-docs", type=int, default=10000,
                        help="skip the stock approach above this size (it needs minutes per query)")  # fmt: skip
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from policylab_site.demo import seed_home
    from search import service
    from search.engines.elastic.engine import ElasticsearchEngine

    home = seed_home()
    about = home.get_children().filter(slug="about").first() or home
    embedded = service.embedded_engine()
    engines = [(embedded.label, embedded)]
    rum_ranked = connection.vendor == "postgresql" and "RUM" in embedded.label
    if rum_ranked:
        # The same engine on a server without the extension, measured in the same run.
        engines.append((WITHOUT_RUM, embedded))
    es_url = os.environ.get("ELASTICSEARCH_URL")
    if es_url:
        engines.append(
            ("Elasticsearch", ElasticsearchEngine(es_url, "policylab-bench", timeout=60))
        )

    out = [
        f"# Search benchmark — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} CPUs, database {connection.vendor}",
        "",
    ]
    for n in args.docs:
        corpus = Corpus(n)
        documents = list(corpus.documents())
        for page_id, document in enumerate(documents, start=10_000_000):
            document.page_id = page_id
            document.url = f"/bench/{page_id}/"
        queries = corpus.queries([d.title for d in documents])
        rows = []
        for name, engine in engines:
            print(f"[{n}] {name} ...", file=sys.stderr, flush=True)
            if name == WITHOUT_RUM:
                with rank_index_dropped(engine):
                    rows.append(measure_engine(name, engine, documents, queries, service))
            else:
                rows.append(measure_engine(name, engine, documents, queries, service))
        if n <= args.stock_max_docs:
            print(f"[{n}] stock ...", file=sys.stderr, flush=True)
            about.refresh_from_db()
            rows.append(measure_stock(documents, queries, about, None))
            about.refresh_from_db()
            delete_stock_pages(about)
        table = format_table(n, rows)
        if n > args.stock_max_docs:
            table += f"\n\n_stock Wagtail search not run at {n:,} documents (minutes per common query at 10k)._"
        print(table, flush=True)
        out += [table, ""]
        for _, engine in engines:
            if hasattr(engine, "clear"):
                engine.clear()
    out.append(
        f"Peak memory of the benchmark process (Python, includes the generated corpus): {peak_rss_mb():,.0f} MB"
    )
    for _name, engine in engines:
        if isinstance(engine, ElasticsearchEngine):
            stats = engine.client.nodes.stats(metric="jvm")["nodes"]
            heap = max(node["jvm"]["mem"]["heap_max_in_bytes"] for node in stats.values()) / 2**20
            out.append(
                f"Elasticsearch JVM heap limit {heap:,.0f} MB (-Xmx); analysis stemming: {engine.stemming}"
            )
            engine.drop()
    print(out[-2] if es_url else out[-1])
    results_dir = ROOT / "bench" / "results"
    results_dir.mkdir(exist_ok=True)
    path = results_dir / f"search-{connection.vendor}-{datetime.now(UTC):%Y%m%dT%H%M}.md"
    path.write_text("\n".join(out) + "\n")
    print(f"written to {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
