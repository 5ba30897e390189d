"""Bulk import benchmark: rows per second of ``manage.py import_case_studies``.

    DATABASE_URL=sqlite:////tmp/policylab-import.sqlite3 .venv/bin/python bench/import.py
    DATABASE_URL=postgres://... .venv/bin/python bench/import.py --rows 2000

It migrates the database, seeds the home page and its sections (as ``make run`` does, without
the demo content), makes sure a few network partners exist, writes ``--rows`` case studies in
the importer's schema to a JSON file (titles, summaries and six Markdown bodies of governance
prose, 1-3 countries, themes, SDGs, partners, a stage, a level, sources; every tenth row in
HTML, every twentieth a draft) and times the command on them twice: once creating every page,
once updating the same pages (a re-import). Each run is the command as an operator runs it:
reading the file, validating every row, writing in one transaction, indexing.

Never point DATABASE_URL at a database you care about: every run adds case studies to it.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# DEBUG=False settings: the dev settings record every SQL query, which skews timings.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policylab_site.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/policylab-import.sqlite3")
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")

SEED = 20261206
PARTNERS = 12
COUNTRIES = ["PK", "IN", "BD", "NP", "LK", "BT", "MV", "AF"]
THEMES = [
    "anti-corruption",
    "citizen-participation",
    "civil-service-reform",
    "climate-and-resilience",
    "digital-government",
    "evidence-and-data",
    "local-government",
    "public-finance",
    "regulatory-reform",
    "service-delivery",
]
STAGES = ["", "idea", "pilot", "implementation", "scaled", "evaluated"]
LEVELS = ["", "national", "provincial-state", "district-local"]
LANGUAGES = ["en"] * 6 + ["ur", "hi", "bn", "ne"]
LICENCES = ["", "CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "not-specified"]
from bench.vocabulary import BASE_WORDS as WORDS  # noqa: E402

PLACES = ["Lahore", "Dhaka", "Kathmandu", "Colombo", "Pune", "Thimphu", "Karachi", "Jaipur"]
SUBJECTS = ["land records", "birth registration", "school meals", "grievance redress",
            "procurement", "property tax", "primary health", "water billing", "pensions"]  # fmt: skip


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 18))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _paragraphs(rng: random.Random, count: int) -> str:
    return "\n\n".join(
        " ".join(_sentence(rng) for _ in range(rng.randint(3, 6))) for _ in range(count)
    )


def _markdown(rng: random.Random) -> str:
    text = _paragraphs(rng, rng.randint(1, 3))
    if rng.random() < 0.4:
        text += "\n\n" + "\n".join(f"- **{rng.choice(WORDS)}**: {_sentence(rng)}" for _ in range(3))
    return text


def bench_rows(count: int, *, partner_slugs: list[str], prefix: str) -> list[dict]:
    """``count`` case studies in the importer's JSON schema, the same for the same seed."""
    rng = random.Random(SEED)
    rows = []
    for number in range(1, count + 1):
        place, subject = rng.choice(PLACES), rng.choice(SUBJECTS)
        row = {
            "title": f"{subject.capitalize()} in {place}: {prefix} case {number}",
            "summary": " ".join(_sentence(rng) for _ in range(3))[:600],
            "countries": rng.sample(COUNTRIES, rng.randint(1, 3)),
            "themes": rng.sample(THEMES, rng.randint(0, 3)),
            "sdgs": rng.sample(range(1, 18), rng.randint(0, 3)),
            "implementing_partners": rng.sample(partner_slugs, rng.randint(0, 2)),
            "contributing_partners": rng.sample(partner_slugs, rng.randint(0, 1)),
            "stage": rng.choice(STAGES),
            "government_level": rng.choice(LEVELS),
            "year_launched": rng.randint(1995, 2025),
            "publication_date": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "original_language": rng.choice(LANGUAGES),
            "licence": rng.choice(LICENCES),
            "sources": [
                {
                    "title": f"{subject.capitalize()} report {year}",
                    "url": f"https://example.org/{prefix}/{number}/{year}.pdf",
                    "publisher": f"{place} policy lab",
                    "year": year,
                }
                for year in rng.sample(range(2010, 2026), rng.randint(0, 2))
            ],
        }
        for name in ["problem", "what_was_done", "implementation", "results", "lessons",
                     "transferability"]:  # fmt: skip
            row[name] = _markdown(rng)
        if number % 10 == 0:
            row["body_format"] = "html"
            for name in ["problem", "results"]:
                row[name] = "".join(f"<p>{_sentence(rng)}</p>" for _ in range(3))
        if number % 20 == 0:
            row["publish"] = False
        rows.append(row)
    return rows


def _partners_ensure() -> list[str]:
    from core.models import Country
    from network.models import NetworkIndexPage, PartnerPage

    index = NetworkIndexPage.objects.get()
    slugs = []
    for number in range(1, PARTNERS + 1):
        slug = f"bench-partner-{number}"
        if not PartnerPage.objects.filter(slug=slug).exists():
            page = PartnerPage(
                title=f"Bench partner {number}",
                slug=slug,
                partner_type="university",
                country=Country.objects.get(code=COUNTRIES[number % len(COUNTRIES)]),
            )
            index.add_child(instance=page)
            page.save_revision().publish()
        slugs.append(slug)
    return slugs


def _timed_import(path: Path, rows: int, label: str) -> float:
    from django.core.management import call_command
    from django.db import connection

    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    out = io.StringIO()
    with connection.execute_wrapper(count):
        started = time.perf_counter()
        cpu_started = time.process_time()
        call_command("import_case_studies", str(path), stdout=out)
        cpu = time.process_time() - cpu_started
        elapsed = time.perf_counter() - started
    last = out.getvalue().strip().splitlines()[-1]
    print(
        f"{label:<8} {rows:>6} rows  {elapsed:7.1f} s  {rows / elapsed:7.1f} rows/s  "
        f"(this process's CPU {cpu:6.1f} s)  {queries / rows:6.1f} queries/row  ({last})"
    )
    return rows / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument(
        "--no-update", action="store_true", help="Time only the import that creates the pages"
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from policylab_site.demo import seed_home

    call_command("migrate", verbosity=0)
    seed_home()
    partner_slugs = _partners_ensure()
    prefix = f"run-{int(time.time())}"
    rows = bench_rows(args.rows, partner_slugs=partner_slugs, prefix=prefix)
    engine = connection.vendor
    search = getattr(settings, "SEARCH_ENGINE", "") or "auto"
    print(f"database: {engine}; search engine setting: {search}; rows: {args.rows}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "case_studies.json"
        path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        _timed_import(path, args.rows, "create")
        if not args.no_update:
            _timed_import(path, args.rows, "update")


if __name__ == "__main__":
    main()
