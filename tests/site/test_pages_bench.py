"""bench/pages.py (and bench/grow.py): how it reads its figures (flat, grows) and the pages and roles it covers."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "pages.py"


@pytest.fixture(scope="module")
def pages():
    spec = importlib.util.spec_from_file_location("bench_pages", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up in sys.modules
    spec.loader.exec_module(module)
    return module


def figure(pages, queries: int, cpu_ms: float, page: str = "lab", wall_ms: float = 100):
    return pages.Figure(
        role="public",
        page=page,
        path="/x/",
        status=200,
        queries=queries,
        median_ms=wall_ms,
        cpu_ms=cpu_ms,
        size_kb=1,
    )


def test_a_page_is_flat_only_with_equal_queries_and_time_within_one_and_a_half(pages, capsys):
    demo = [figure(pages, 20, 100, "a"), figure(pages, 20, 100, "b"), figure(pages, 20, 100, "c")]
    grown = [figure(pages, 20, 149, "a"), figure(pages, 21, 100, "b"), figure(pages, 20, 151, "c")]

    rows = pages.report(demo, grown, 30)

    assert [(row["page"], row["flat"], row["grows"]) for row in rows] == [
        ("a", True, False),
        ("b", False, True),
        ("c", False, True),
    ]
    assert rows[1]["query_ratio"] == 1.05
    out = capsys.readouterr().out
    assert "1 of 3 pages flat" in out
    assert out.count("GROWS") == 3  # two pages and the summary


def test_flatness_is_judged_on_cpu_time_not_wall_time(pages):
    """Other jobs on the machine stretch the wall time of whichever size they overlap."""
    rows = pages.report(
        [figure(pages, 20, 100, "a", wall_ms=100)], [figure(pages, 20, 110, "a", wall_ms=400)], 30
    )
    assert rows[0]["flat"]
    assert rows[0]["time_ratio"] == 1.1


def test_fewer_queries_at_30x_is_not_flat_but_not_growth(pages, capsys):
    rows = pages.report([figure(pages, 30, 100)], [figure(pages, 25, 100)], 30)
    assert not rows[0]["flat"] and not rows[0]["grows"]
    assert "fewer queries" in capsys.readouterr().out


def test_every_role_signs_in_as_a_demo_person(pages):
    from policylab_site.demo import DEMO_PEOPLE

    assert pages.ROLE_USERS["public"] is None
    assert {"member", "lead", "space owner", "editor"} <= set(pages.ROLE_USERS)
    for handle in filter(None, pages.ROLE_USERS.values()):
        assert handle in DEMO_PEOPLE
    from bench.grow import TARGETS_AT_30X  # importable once bench/pages.py put the repo on the path

    assert TARGETS_AT_30X["case studies"] == 931
