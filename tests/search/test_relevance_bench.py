"""bench/relevance.py: the labelled set's shape and the figures and targets it reports."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "relevance.py"
REGION_SCRIPTS = ("hindi", "nepali", "bengali", "urdu", "sinhala", "tamil")


@pytest.fixture(scope="module")
def relevance():
    spec = importlib.util.spec_from_file_location("bench_relevance", BENCH)
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_set_covers_every_script_with_each_kind_of_query(relevance):
    labelled = relevance.labelled_queries()

    english = [item for item in labelled if item.script == "english"]
    region = [item for item in labelled if item.script != "english"]
    assert len(english) == 53
    assert len(region) >= 150
    for script in REGION_SCRIPTS:
        kinds = {item.kind for item in region if item.script == script}
        assert {"native", "romanised", "inflected", "variant", "must_not_match"} <= kinds, script
    for item in region:
        if item.kind == "must_not_match":
            assert not item.relevant
        else:
            assert 2 in item.relevant.values(), item.query


def test_figures_per_script_and_kind(relevance):
    Labelled = relevance.Labelled
    labelled = [
        Labelled("मनरेगा", "hindi", "native", {"/hi/a/": 2, "/hi/b/": 1}),
        Labelled("manrega", "hindi", "romanised", {"/hi/a/": 2}),
        Labelled("किसने", "hindi", "must_not_match", {}),
        Labelled("सीता", "hindi", "must_not_match", {}),
    ]
    rankings = [["/hi/a/", "/hi/b/"], ["/en/x/", "/hi/a/"], [], ["/hi/b/"]]

    groups = relevance.groups_score(labelled, rankings)

    assert groups[("hindi", "native")].mrr == 1.0
    assert groups[("hindi", "native")].ndcg == pytest.approx(1.0)
    assert groups[("hindi", "romanised")].mrr == 0.5
    # Any result at all for a word absent from the corpus is one false hit.
    assert groups[("hindi", "must_not_match")].false_hits == 1
    assert groups[("hindi", "must_not_match")].mrr is None


def test_check_names_each_target_missed(relevance):
    Group = relevance.Group
    groups = {
        ("english", "english"): Group(queries=53, mrr=0.95, ndcg=0.9),
        ("hindi", "native"): Group(queries=10, mrr=0.85, ndcg=0.8),
        ("hindi", "romanised"): Group(queries=9, mrr=0.8, ndcg=0.8),
        ("urdu", "native"): Group(queries=10, mrr=0.9, ndcg=0.9),
        ("urdu", "romanised"): Group(queries=9, mrr=0.7, ndcg=0.7),
        ("urdu", "must_not_match"): Group(queries=5, false_hits=1),
        ("tamil", "must_not_match"): Group(queries=5, false_hits=0),
    }

    failures = relevance.target_failures("SQLite FTS5", groups, english_baseline=0.981)

    assert failures == [
        "SQLite FTS5: hindi native MRR@10 0.850 < 0.9",
        "SQLite FTS5: urdu has 1 false hit(s)",
        "SQLite FTS5: urdu romanised MRR@10 0.700 < 0.8",
        "SQLite FTS5: English MRR@10 0.950 < baseline 0.981",
    ]
    assert (
        relevance.target_failures(
            "SQLite FTS5",
            groups
            | {
                ("hindi", "native"): Group(queries=10, mrr=0.9),
                ("urdu", "romanised"): Group(queries=9, mrr=0.8),
                ("urdu", "must_not_match"): Group(queries=5, false_hits=0),
            },
            english_baseline=0.95,
        )
        == []
    )
