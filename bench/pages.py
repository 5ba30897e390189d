"""SQL queries and time per page, at demo size and at 30x the demo content, for every role.

    .venv/bin/python bench/pages.py                      builds both databases (first run), measures
    .venv/bin/python bench/pages.py --json /tmp/pages.json   also writes every figure as JSON
    .venv/bin/python bench/pages.py --rebuild            builds both databases again
    .venv/bin/python bench/pages.py --resume             tops an interrupted growth up, measures
    .venv/bin/python bench/pages.py --repeat 9 --factor 10    a third of the growth

Two SQLite files (``--dir``, /tmp by default) hold the site: ``policylab-pages-demo.sqlite3``
(``migrate`` + ``seed_demo``) and ``policylab-pages-grown.sqlite3``, a copy grown to what issue 16
measured at "about 30x the demo content" (931 case studies, 311 findings, 100 challenges, 35 labs,
a space with 505 tasks, 500 posts and 202 files, 161 members in its lab; ``--factor`` scales
these by factor/30; ``bench/grow.py``) through the services that people's actions call: case studies are
submitted by the partner and approved by the moderator through the Wagtail workflow, findings
are proposed from a project space and approved, challenge briefs are submitted and approved,
labs are published pages with a lead appointed, people sign up and ask to join a lab and the
lead approves them, tasks, threads, replies and files are added to a project space. Both files
are kept, so later runs only measure (``--rebuild`` starts again).

Every page is requested through Django's test client with production-like settings (DEBUG off,
no SQL logging): once to warm up, once under ``CaptureQueriesContext`` to count its SQL queries,
then ``--repeat`` times for the median CPU time of the process (what decides whether a page is
flat: the wall time also counts other jobs on the machine) and wall time. Each page is measured
at both sizes before the next page, its timed requests alternating between the sizes, so the
machine's other work touches both alike. The cache is emptied before every request, so the
figures are those of a cache miss: what a page costs to render, not to fetch from a cache
(``--warm-cache`` keeps each size's cache between requests instead).

Never point --dir at a database you care about.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# DEBUG=False settings: the dev settings record every SQL query, which skews timings.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policylab_site.settings.test")
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")

from bench.grow import content_counts, grow  # noqa: E402

DEMO_NAME = "policylab-pages-demo.sqlite3"
GROWN_NAME = "policylab-pages-grown.sqlite3"
#: Within this ratio a page counts as flat (issue 16: "queries equal, time within 1.5x").
TIME_RATIO_LIMIT = 1.5


@dataclass
class Figure:
    role: str
    page: str
    path: str
    status: int
    queries: int
    median_ms: float
    cpu_ms: float
    size_kb: float


# --- databases ------------------------------------------------------------------------------


def use_database(path: Path) -> None:
    """Point the default connection at ``path`` (the next query opens it)."""
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = str(path)


def build_demo(path: Path) -> None:
    from django.core.management import call_command

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    use_database(path)
    started = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"demo database built in {time.monotonic() - started:.0f} s: {path}", flush=True)


def copy_database(source: Path, target: Path) -> None:
    import sqlite3

    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


# --- growth through the project's services ---------------------------------------------------


# --- the pages ---------------------------------------------------------------------------------


def pages_to_measure() -> list[tuple[str, str, str]]:
    """(role, page, path): every page type for the roles that see it differently. The objects
    are chosen in the demo content, so both databases measure the same pages."""
    from django.db.models import Count
    from django.urls import reverse

    from challenges.models import ChallengePage
    from knowledge.models import CaseStudyPage, FindingPage, KnowledgeIndexPage
    from labs.demo import spaces_read
    from labs.models import ProjectSpace
    from network.models import PartnerPage

    space = ProjectSpace.objects.select_related("lab").get(title=spaces_read()[0]["title"])
    lab = space.lab
    case_study = CaseStudyPage.objects.live().filter(locale__language_code="en").order_by("pk")[0]
    finding = FindingPage.objects.live().filter(locale__language_code="en").order_by("pk")[0]
    challenge = ChallengePage.objects.live().filter(locale__language_code="en").order_by("pk")[0]
    partner = (
        PartnerPage.objects.live()
        .annotate(cases=Count("implemented_case_studies", distinct=True))
        .order_by("-cases", "pk")[0]
    )
    knowledge_index = KnowledgeIndexPage.objects.filter(locale__language_code="en").first()
    theme = case_study.themes.first()
    space_kwargs = {"space_id": space.pk}
    public = [
        ("home", "/"),
        ("knowledge index", knowledge_index.url),
        ("knowledge index, filtered", f"{knowledge_index.url}?country=PK"),
        ("case study", case_study.url),
        ("finding", finding.url),
        ("challenges index", "/challenges/"),
        ("challenge", challenge.url),
        ("labs index", "/labs/"),
        ("lab", lab.url),
        ("partner", partner.url),
        ("search", "/search/?q=governance"),
        ("search, filtered", "/search/?q=service&country=PK"),
        ("autocomplete", "/search/autocomplete/?q=gov"),
        ("feed rss", reverse("knowledge:feed_rss")),
        ("feed atom", reverse("knowledge:feed_atom")),
        ("feed theme rss", reverse("knowledge:feed_theme_rss", kwargs={"slug": theme.slug})),
        ("sitemap", "/sitemap.xml"),
        ("sitemap page", reverse("sitemap_section", kwargs={"section": "pages"})),
        ("api knowledge", "/api/v2/knowledge/"),
        ("api knowledge search", "/api/v2/knowledge/?search=governance"),
        ("api partners", "/api/v2/partners/"),
    ]
    rows = [("public", name, path) for name, path in public]
    rows += [
        ("member", "home", "/"),
        ("member", "dashboard", reverse("core:dashboard")),
        ("member", "knowledge index", knowledge_index.url),
        ("member", "lab", lab.url),
        ("member", "challenge", challenge.url),
        ("member", "space", reverse("labs:space_detail", kwargs=space_kwargs)),
        ("member", "space tasks", reverse("labs:task_list", kwargs=space_kwargs)),
        ("member", "space files", reverse("labs:file_list", kwargs=space_kwargs)),
        ("member", "space threads", reverse("labs:thread_list", kwargs=space_kwargs)),
        ("member", "space activity", reverse("labs:space_activity", kwargs=space_kwargs)),
        ("lead", "lab", lab.url),
        ("lead", "lab manage", reverse("labs:lab_manage", kwargs={"lab_id": lab.pk})),
        ("lead", "dashboard", reverse("core:dashboard")),
        ("space owner", "space", reverse("labs:space_detail", kwargs=space_kwargs)),
        ("space owner", "space tasks", reverse("labs:task_list", kwargs=space_kwargs)),
        ("space owner", "space files", reverse("labs:file_list", kwargs=space_kwargs)),
        ("space owner", "space activity", reverse("labs:space_activity", kwargs=space_kwargs)),
        ("space owner", "space members", reverse("labs:space_members", kwargs=space_kwargs)),
        ("editor", "home", "/"),
        ("editor", "case study", case_study.url),
        ("editor", "admin dashboard", "/admin/"),
        ("editor", "admin explorer, knowledge", f"/admin/pages/{knowledge_index.pk}/"),
        ("editor", "admin search", "/admin/pages/search/?q=governance"),
    ]
    return rows


#: The demo person each role signs in as (None: anonymous). The student is a member of the
#: Punjab lab and of its civil service space; the lead leads that lab and owns the space.
ROLE_USERS = {
    "public": None,
    "member": "student",
    "lead": "lead",
    "space owner": "lead",
    "editor": "editor",
}


def measure(
    rows, *, databases: dict[str, Path], repeat: int, warm_cache: bool
) -> dict[str, list[Figure]]:
    """Each page at every size in turn, so both sizes of a page are measured within seconds
    of each other: on a shared machine the load drifts over minutes, and measuring all pages
    at one size and then all at the other put that drift into the ratios. Within a page the
    timed requests alternate between the sizes for the same reason."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.cache import cache, caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    assert not settings.DEBUG, "DEBUG records every query and skews the timings"
    User = get_user_model()
    clients: dict[str, dict[str, Client]] = {}
    for size, path in databases.items():
        use_database(path)
        clients[size] = {}
        for role, handle in ROLE_USERS.items():
            client = Client()
            if handle:
                client.force_login(User.objects.get(username=handle))
            clients[size][role] = client

    def own_cache_keys(size: str) -> None:
        # One process serves both databases: each size keeps its own keys in every cache, so
        # a warm cache never answers one size with the other's page.
        for alias in settings.CACHES:
            caches[alias].key_prefix = size

    def get(client, path):
        if not warm_cache:
            cache.clear()
        return client.get(path, HTTP_ACCEPT_LANGUAGE="en")

    figures: dict[str, list[Figure]] = {size: [] for size in databases}
    for role, name, path in rows:
        counted = {}
        for size, database in databases.items():
            use_database(database)
            own_cache_keys(size)
            cache.clear()
            client = clients[size][role]
            get(client, path)  # warm-up: imports, template loading, connection
            with CaptureQueriesContext(connection) as queries:
                response = get(client, path)
            # Read now: the next request empties the query log the capture slices.
            query_count = len(queries.captured_queries)
            counted[size] = (response, query_count)
        # The timed requests alternate between the sizes, one of each in turn: a burst of
        # other work on the machine then stretches both alike instead of one size's median.
        wall = {size: [] for size in databases}
        cpu = {size: [] for size in databases}
        for _ in range(repeat):
            for size, database in databases.items():
                use_database(database)
                connection.ensure_connection()  # opening the file is not the page's work
                own_cache_keys(size)
                if not warm_cache:
                    cache.clear()
                # Each request starts with nothing for the cyclic collector to do: otherwise a
                # collection owed to earlier requests lands on whichever request comes next.
                gc.collect()
                started, started_cpu = time.perf_counter(), time.process_time()
                clients[size][role].get(path, HTTP_ACCEPT_LANGUAGE="en")
                wall[size].append(time.perf_counter() - started)
                cpu[size].append(time.process_time() - started_cpu)
        for size, (response, query_count) in counted.items():
            figures[size].append(
                Figure(
                    role=role,
                    page=name,
                    path=path,
                    status=response.status_code,
                    queries=query_count,
                    median_ms=round(statistics.median(wall[size]) * 1000, 1),
                    cpu_ms=round(statistics.median(cpu[size]) * 1000, 1),
                    size_kb=round(len(response.content) / 1024, 1),
                )
            )
        print(".", end="", flush=True)
    print(flush=True)
    return figures


def report(demo: list[Figure], grown: list[Figure], factor: float) -> list[dict]:
    rows = []
    header = (
        f"{'role':<12} {'page':<28} {'status':>7} {'queries':>15} {'x':>6} "
        f"{'CPU ms':>19} {'x':>6} {'wall ms':>19} {'KB':>15}"
    )
    print(f"\nDemo size -> {factor:g}x the demo content (queries, median CPU and wall time, size)")
    print(header)
    print("-" * len(header))
    for small, large in zip(demo, grown, strict=True):
        query_ratio = large.queries / small.queries if small.queries else 0
        # The process's CPU time, not the wall time: other jobs on the machine stretch the
        # wall time of whichever size they happen to overlap.
        time_ratio = large.cpu_ms / small.cpu_ms if small.cpu_ms else 0
        flat = large.queries == small.queries and time_ratio <= TIME_RATIO_LIMIT
        grows = large.queries > small.queries or time_ratio > TIME_RATIO_LIMIT
        mark = "" if flat else "  GROWS" if grows else "  fewer queries"
        status = f"{small.status}/{large.status}" if small.status != large.status else small.status
        print(
            f"{small.role:<12} {small.page:<28} {status!s:>7} "
            f"{small.queries:>6} -> {large.queries:<5} {query_ratio:>5.1f}x "
            f"{small.cpu_ms:>8.1f} -> {large.cpu_ms:<7.1f} {time_ratio:>5.1f}x "
            f"{small.median_ms:>8.1f} -> {large.median_ms:<7.1f} "
            f"{small.size_kb:>6.0f} -> {large.size_kb:<5.0f}"
            f"{mark}"
        )
        rows.append(
            {
                "role": small.role,
                "page": small.page,
                "path": small.path,
                "demo": asdict(small),
                "grown": asdict(large),
                "query_ratio": round(query_ratio, 2),
                "time_ratio": round(time_ratio, 2),
                "flat": flat,
                "grows": grows,
            }
        )
    flat = sum(row["flat"] for row in rows)
    growing = sum(row["grows"] for row in rows)
    print(
        f"\n{flat} of {len(rows)} pages flat (queries equal, time within {TIME_RATIO_LIMIT}x); "
        f"{growing} GROWS (more queries or slower); the others show other objects at 30x."
    )
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--dir", type=Path, default=Path("/tmp"), help="where the two databases live"
    )
    parser.add_argument("--factor", type=float, default=30, help="growth factor (default 30)")
    parser.add_argument(
        "--repeat", type=int, default=15, help="timed requests per page and size (median)"
    )
    parser.add_argument("--rebuild", action="store_true", help="build both databases again")
    parser.add_argument(
        "--resume", action="store_true", help="top an interrupted growth up to the targets"
    )
    parser.add_argument("--warm-cache", action="store_true", help="keep the cache between requests")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="TEXT",
        help='measure only the pages whose role and name contain TEXT ("space files"; repeatable)',
    )
    args = parser.parse_args(argv)

    demo_path, grown_path = args.dir / DEMO_NAME, args.dir / GROWN_NAME
    os.environ["DATABASE_URL"] = f"sqlite:///{grown_path}"

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "sqlite":
        raise SystemExit("bench/pages.py builds and copies SQLite files; DATABASE_URL is ignored")

    growth = {}
    if args.rebuild or not demo_path.exists():
        build_demo(demo_path)
        grown_path.unlink(missing_ok=True)
    if args.resume or not grown_path.exists():
        if not grown_path.exists():
            use_database(demo_path)
            connection.close()
            copy_database(demo_path, grown_path)
        use_database(grown_path)
        print(f"growing the content {args.factor:g}x through the services:", flush=True)
        growth = grow(args.factor)
        connection.close()

    # A newer checkout measures databases an older one built.
    for path in (demo_path, grown_path):
        use_database(path)
        call_command("migrate", verbosity=0, interactive=False)
    use_database(demo_path)
    rows = pages_to_measure()
    if args.only:
        rows = [row for row in rows if any(text in f"{row[0]} {row[1]}" for text in args.only)]
    demo_counts = content_counts()
    use_database(grown_path)
    grown_counts = content_counts()
    print(
        f"measuring {len(rows)} pages at demo size {demo_counts}\n"
        f"  and at {args.factor:g}x {grown_counts}",
        flush=True,
    )
    figures = measure(
        rows,
        databases={"demo": demo_path, "grown": grown_path},
        repeat=args.repeat,
        warm_cache=args.warm_cache,
    )

    results = report(figures["demo"], figures["grown"], args.factor)
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "factor": args.factor,
                    "repeat": args.repeat,
                    "warm_cache": args.warm_cache,
                    "content": {"demo": demo_counts, "grown": grown_counts},
                    "growth_seconds": growth,
                    "pages": results,
                },
                indent=2,
            ),
            encoding="utf-8",
        )
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
