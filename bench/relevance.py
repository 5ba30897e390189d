"""Relevance of each engine over the demo content: MRR and nDCG@10 for the labelled queries.

    DATABASE_URL=sqlite:////tmp/policylab-relevance.sqlite3 .venv/bin/python bench/relevance.py
    ELASTICSEARCH_URL=http://127.0.0.1:9200 ... adds Elasticsearch

Seeds the demo content into that database when it has none, rebuilds the indexes, then runs every
query in bench/relevance_queries.json through each engine (and stock Wagtail search, for
comparison). The first URL listed per query has grade 2, the others grade 1.
"""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# DEBUG=False settings: the dev settings record every SQL query, which skews timings.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policylab_site.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/policylab-relevance.sqlite3")
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")


def grades(relevant: list[str]) -> dict[str, int]:
    return {url: (2 if i == 0 else 1) for i, url in enumerate(relevant)}


def reciprocal_rank(ranked: list[str], relevant: dict[str, int]) -> float:
    for position, url in enumerate(ranked[:10], start=1):
        if url in relevant:
            return 1 / position
    return 0.0


def ndcg_at_10(ranked: list[str], relevant: dict[str, int]) -> float:
    def dcg(gains):
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))

    actual = dcg([relevant.get(url, 0) for url in ranked[:10]])
    ideal = dcg(sorted(relevant.values(), reverse=True)[:10])
    return actual / ideal if ideal else 0.0


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from wagtail.models import Page

    from search import service
    from search.engines.base import SearchRequest, parse_query
    from search.engines.elastic import ElasticsearchEngine

    call_command("migrate", verbosity=0)
    if not Page.objects.filter(depth__gt=2).exists():
        call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("rebuild_search_index", "--embedded-only", stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("update_index", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115

    labelled = json.loads((ROOT / "bench" / "relevance_queries.json").read_text())["queries"]
    runners = {service.embedded_engine().label: service.embedded_engine()}
    es_url = os.environ.get("ELASTICSEARCH_URL")
    if es_url:
        from search import indexing

        elastic = ElasticsearchEngine(es_url, "policylab-relevance", timeout=30)
        elastic.rebuild(docs for docs, _removed in indexing.document_batches())
        runners["Elasticsearch"] = elastic

    def engine_ranking(engine, text):
        return [
            h.url
            for h in engine.search(
                SearchRequest(text=text, per_page=10, with_facets=False), parse_query(text)
            ).hits
        ]

    def stock_ranking(text):
        return [p.url for p in Page.objects.live().specific().search(text)[:10]]

    rows = []
    misses: dict[str, list[str]] = {}
    for name, ranking in [
        *[(n, (lambda t, e=e: engine_ranking(e, t))) for n, e in runners.items()],
        ("stock Wagtail DB backend", stock_ranking),
    ]:
        rr, ndcg = [], []
        for item in labelled:
            relevant = grades(item["relevant"])
            ranked = ranking(item["query"])
            rr.append(reciprocal_rank(ranked, relevant))
            ndcg.append(ndcg_at_10(ranked, relevant))
            if rr[-1] < 1:
                misses.setdefault(name, []).append(f"{item['query']!r} (RR {rr[-1]:.2f})")
        rows.append((name, sum(rr) / len(rr), sum(ndcg) / len(ndcg)))

    print(f"{len(labelled)} labelled queries over {Page.objects.live().count()} live pages\n")
    print("| engine | MRR | nDCG@10 |\n|---|---:|---:|")
    for name, mrr, ndcg in rows:
        print(f"| {name} | {mrr:.3f} | {ndcg:.3f} |")
    for name, items in misses.items():
        print(f"\n{name}: first result not the best for {len(items)}: " + "; ".join(items))
    if es_url:
        runners["Elasticsearch"].drop()


if __name__ == "__main__":
    main()
