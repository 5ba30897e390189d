"""Relevance of each engine over the demo content: MRR@10, nDCG@10 and false hits, per script and kind.

    DATABASE_URL=sqlite:////tmp/policylab-relevance.sqlite3 .venv/bin/python bench/relevance.py
    ELASTICSEARCH_URL=http://127.0.0.1:9200 ... adds Elasticsearch
    ... bench/relevance.py --json /tmp/relevance.json      also writes every number as JSON
    ... bench/relevance.py --check --english-baseline 0.981  exits 1 when a target of issue 15 fails

Seeds the demo content into that database when it has none, rebuilds the indexes, then runs every
query in bench/relevance_queries.json through each engine (and stock Wagtail search, for
comparison). Each query has a script (english, hindi, nepali, bengali, urdu, sinhala, tamil) and a
kind (english, native, romanised, inflected, variant, cross_script, must_not_match); the original
English queries carry neither and count as english/english. The tables give, per engine, script
and kind, MRR@10 and nDCG@10 over the labelled queries, and for must_not_match queries the number
of false hits (a query that returns anything at all is one false hit).

--check targets (issue 15, "Done when"), for each engine under test (not stock Wagtail):
native MRR@10 >= 0.9 in every script, romanised MRR@10 >= 0.8 in every script, no false hit,
and English MRR@10 not below --english-baseline (or the same engine's figure in --baseline-json).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# DEBUG=False settings: the dev settings record every SQL query, which skews timings.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policylab_site.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/policylab-relevance.sqlite3")
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")

QUERIES_FILE = ROOT / "bench" / "relevance_queries.json"
SCRIPTS = ("english", "hindi", "nepali", "bengali", "urdu", "sinhala", "tamil")
KINDS = (
    "english",
    "native",
    "romanised",
    "inflected",
    "variant",
    "cross_script",
    "must_not_match",
)
NATIVE_TARGET = 0.9
ROMANISED_TARGET = 0.8
STOCK = "stock Wagtail DB backend"
STOCK_BACKEND = "wagtail.search.backends.database"


@dataclass(frozen=True)
class Labelled:
    query: str
    script: str
    kind: str
    #: URL path (percent-decoded, locale prefix included) -> grade (2 about it, 1 also relevant)
    relevant: dict[str, int]


@dataclass
class Group:
    """The figures for one engine, script and kind."""

    queries: int = 0
    mrr: float | None = None
    ndcg: float | None = None
    false_hits: int | None = None
    misses: list[str] = field(default_factory=list)


def labelled_queries(path: Path = QUERIES_FILE) -> list[Labelled]:
    """The queries of ``path``: the original English entries list URLs (the first has grade 2,
    the rest grade 1); the others list {"page": url, "grade": n}."""
    items = []
    for item in json.loads(path.read_text(encoding="utf-8"))["queries"]:
        relevant: dict[str, int] = {}
        for position, entry in enumerate(item["relevant"]):
            if isinstance(entry, str):
                relevant[unquote(entry)] = 2 if position == 0 else 1
            else:
                relevant[unquote(entry["page"])] = int(entry["grade"])
        script, kind = item.get("script", "english"), item.get("kind", "english")
        if script not in SCRIPTS or kind not in KINDS:
            raise ValueError(f"{item['query']!r}: unknown script {script!r} or kind {kind!r}")
        if (kind == "must_not_match") != (not relevant):
            raise ValueError(f"{item['query']!r}: only must_not_match queries list no page")
        items.append(Labelled(item["query"], script, kind, relevant))
    return items


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


def groups_score(labelled: list[Labelled], rankings: list[list[str]]) -> dict[tuple, Group]:
    """(script, kind) -> Group, from each query's ranked URLs (same order as ``labelled``)."""
    rr, gains = defaultdict(list), defaultdict(list)
    groups: dict[tuple, Group] = {}
    for item, ranked in zip(labelled, rankings, strict=True):
        key = (item.script, item.kind)
        group = groups.setdefault(key, Group())
        group.queries += 1
        if item.kind == "must_not_match":
            group.false_hits = (group.false_hits or 0) + bool(ranked)
            if ranked:
                group.misses.append(f"{item.query!r} found {len(ranked)}: {ranked[0]}")
            continue
        rr[key].append(reciprocal_rank(ranked, item.relevant))
        gains[key].append(ndcg_at_10(ranked, item.relevant))
        if rr[key][-1] < 1:
            group.misses.append(f"{item.query!r} (RR {rr[key][-1]:.2f})")
    for key, values in rr.items():
        groups[key].mrr = sum(values) / len(values)
        groups[key].ndcg = sum(gains[key]) / len(gains[key])
    return groups


def target_failures(
    engine: str, groups: dict[tuple, Group], english_baseline: float | None
) -> list[str]:
    """What keeps ``engine`` from issue 15's "Done when" on this set."""
    failures = []
    for (script, kind), group in sorted(groups.items()):
        if kind == "native" and group.mrr < NATIVE_TARGET:
            failures.append(f"{engine}: {script} native MRR@10 {group.mrr:.3f} < {NATIVE_TARGET}")
        if kind == "romanised" and group.mrr < ROMANISED_TARGET:
            failures.append(
                f"{engine}: {script} romanised MRR@10 {group.mrr:.3f} < {ROMANISED_TARGET}"
            )
        if kind == "must_not_match" and group.false_hits:
            failures.append(f"{engine}: {script} has {group.false_hits} false hit(s)")
    english = groups.get(("english", "english"))
    if english_baseline is not None and english and english.mrr < english_baseline - 1e-9:
        failures.append(
            f"{engine}: English MRR@10 {english.mrr:.3f} < baseline {english_baseline:.3f}"
        )
    return failures


def table(results: dict[str, dict[tuple, Group]]) -> str:
    """Per engine: the English line, then scripts down and kinds across, for MRR@10 (with the
    number of queries) and nDCG@10; must_not_match cells give false hits / queries."""
    kinds = [k for k in KINDS if k != "english"]
    lines = []
    for engine, groups in results.items():
        lines.append(f"\n### {engine}\n")
        english = groups.get(("english", "english"))
        if english is not None:
            lines.append(
                f"English ({english.queries} queries): MRR@10 {english.mrr:.3f}, "
                f"nDCG@10 {english.ndcg:.3f}"
            )
        for measure in ("MRR@10", "nDCG@10"):
            lines += [
                "",
                f"| {measure} | " + " | ".join(kinds) + " |",
                "|---|" + "---:|" * len(kinds),
            ]
            for script in SCRIPTS[1:]:
                cells = []
                for kind in kinds:
                    group = groups.get((script, kind))
                    if group is None:
                        cells.append("")
                    elif kind == "must_not_match":
                        cells.append(f"{group.false_hits} / {group.queries} false")
                    elif measure == "MRR@10":
                        cells.append(f"{group.mrr:.3f} ({group.queries})")
                    else:
                        cells.append(f"{group.ndcg:.3f}")
                lines.append(f"| {script} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", metavar="PATH", help="also write every figure as JSON here")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when a target of issue 15 is not met"
    )
    parser.add_argument(
        "--english-baseline",
        type=float,
        metavar="MRR",
        help="with --check: the English MRR@10 (53 original queries) each engine must keep",
    )
    parser.add_argument(
        "--baseline-json",
        metavar="PATH",
        help="with --check: a file written by --json; each engine keeps its English MRR@10 there",
    )
    parser.add_argument("--no-stock", action="store_true", help="skip stock Wagtail search")
    parser.add_argument(
        "--misses", action="store_true", help="list the queries whose first result is not relevant"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    import django

    django.setup()
    from django.core.management import call_command
    from wagtail.models import Page

    from core.languages import page_own_url
    from search import service
    from search.documents import candidate_pages, document_batches
    from search.engines.base import SearchRequest, parse_query
    from search.engines.elastic.engine import ElasticsearchEngine

    call_command("migrate", verbosity=0)
    if not Page.objects.filter(depth__gt=2).exists():
        call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("rebuild_search_index", "--embedded-only", stdout=open(os.devnull, "w"))  # noqa: SIM115
    if not args.no_stock:
        # Stock Wagtail search keeps its own index, which the site no longer writes
        # (search.backend answers Wagtail's searches from the project's engine).
        call_command(
            "update_index",
            backend_name=STOCK_BACKEND,
            verbosity=0,
            stdout=open(os.devnull, "w"),  # noqa: SIM115
        )

    labelled = labelled_queries()
    # Pages are compared by their own address (locale prefix included), the one the index holds.
    url_of = {page.pk: unquote(page_own_url(page) or "") for page in candidate_pages().specific()}
    known = set(url_of.values())
    unknown = sorted({url for item in labelled for url in item.relevant} - known)
    if unknown:
        print("Labelled pages missing from the seeded site:\n  " + "\n  ".join(unknown))
        return 2

    runners = {service.embedded_engine().label: service.embedded_engine()}
    es_url = os.environ.get("ELASTICSEARCH_URL")
    if es_url:
        elastic = ElasticsearchEngine(es_url, "policylab-relevance", timeout=30)
        elastic.rebuild(docs for docs, _removed in document_batches())
        runners["Elasticsearch"] = elastic

    errors: list[str] = []

    def engine_ranking(engine, text):
        try:
            hits = engine.search(
                SearchRequest(text=text, per_page=10, with_facets=False), parse_query(text)
            ).hits
        except Exception as error:  # one broken query must not hide the others' figures
            errors.append(f"{engine.name}: {text!r}: {error!r}")
            return []
        return [url_of.get(hit.page_id, unquote(hit.url)) for hit in hits]

    def stock_ranking(text):
        stock = Page.objects.live().specific().search(text, backend=STOCK_BACKEND)
        return [url_of.get(p.pk, p.url) for p in stock[:10]]

    rankers = [(name, lambda t, e=engine: engine_ranking(e, t)) for name, engine in runners.items()]
    if not args.no_stock:
        rankers.append((STOCK, stock_ranking))
    rankings = {name: [ranking(item.query) for item in labelled] for name, ranking in rankers}
    results = {name: groups_score(labelled, ranked) for name, ranked in rankings.items()}
    if es_url:
        runners["Elasticsearch"].drop()

    scripts = defaultdict(int)
    for item in labelled:
        scripts[item.script] += 1
    print(
        f"{len(labelled)} labelled queries ("
        + ", ".join(f"{s} {scripts[s]}" for s in SCRIPTS if scripts[s])
        + f") over {Page.objects.live().count()} live pages"
    )
    print(table(results))
    if args.misses:
        for engine, groups in results.items():
            for (script, kind), group in sorted(groups.items()):
                if group.misses:
                    print(f"\n{engine} {script}/{kind}: " + "; ".join(group.misses))
    for error in errors:
        print(f"ERROR {error}")

    failures = []
    if args.check:
        previous = {}
        if args.baseline_json:
            previous = json.loads(Path(args.baseline_json).read_text())["engines"]
        for engine, groups in results.items():
            if engine == STOCK:
                continue
            baseline = args.english_baseline
            if baseline is None and engine in previous:
                baseline = previous[engine]["english/english"]["mrr"]
            failures += target_failures(engine, groups, baseline)
        failures += [f"query failed: {error}" for error in errors]
        print("\n--check: " + ("all targets met" if not failures else "FAILED"))
        for failure in failures:
            print(f"  {failure}")

    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "queries": len(labelled),
                    "database": os.environ["DATABASE_URL"].split(":", 1)[0],
                    "engines": {
                        engine: {f"{s}/{k}": asdict(g) for (s, k), g in sorted(groups.items())}
                        for engine, groups in results.items()
                    },
                    "errors": errors,
                    "check_failures": failures,
                    # Each query's top 10 per engine, to see why a query scored what it did.
                    "rankings": {
                        engine: [
                            {
                                "query": item.query,
                                "script": item.script,
                                "kind": item.kind,
                                "rr": reciprocal_rank(ranked, item.relevant),
                                "top10": ranked,
                            }
                            for item, ranked in zip(labelled, engine_rankings, strict=True)
                        ]
                        for engine, engine_rankings in rankings.items()
                    },
                },
                ensure_ascii=False,
                indent=1,
            )
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
