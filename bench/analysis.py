"""Text analysis benchmark: speed of ``analyse_document`` and false collisions of the loose keys.

    .venv/bin/python bench/analysis.py

Speed: a 5,000-word English body (pure ASCII, and with typographic quotes and dashes) and a
5,000-word Hindi body drawn from the demo case studies, per word, with warm and cold caches.

Collisions: the native-script vocabulary of the demo content (knowledge/ and challenges/
data/demo/*.json: bn, hi, ne, si, ta, ur), stemmed by its language. For each language it counts
the distinct stems that share a key with another stem of the same language: the vowelled key
(what Latin and Brahmic queries match in Brahmic text), the Brahmic skeleton (what an Urdu query
matches there) and the Urdu skeleton (what every query matches in Urdu text), with examples.
No database needed.
"""

from __future__ import annotations

import collections
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.analysis import (  # noqa: E402  # noqa: E402
    analyse_document,
    documents,
    normalise,
    romanise,
    script_of,
    stem,
    stemmers,
    words,
)

LANGUAGES = ("bn", "hi", "ne", "si", "ta", "ur")
ENGLISH = [
    "the",
    "social",
    "audit",
    "of",
    "public",
    "works",
    "in",
    "every",
    "gram",
    "panchayat",
    "was",
    "done",
    "twice",
    "a",
    "year",
    "by",
    "independent",
    "units",
    "whose",
    "trained",
    "village",
    "resource",
    "persons",
    "matched",
    "muster",
    "rolls",
    "and",
    "payments",
    "door",
    "to",
    "door",
    "and",
    "read",
    "the",
    "findings",
    "aloud",
    "in",
    "an",
    "open",
    "meeting",
]


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def demo_text(language: str) -> list[str]:
    found = []
    for app in ("knowledge", "challenges"):
        path = ROOT / app / "data" / "demo" / f"{language}.json"
        if path.exists():
            found.extend(strings(json.loads(path.read_text())))
    return found


def clear_caches() -> None:
    for cached in (
        stemmers.stem,
        romanise.vowelled_key,
        romanise.skeleton_key,
        romanise.document_keys,
        documents._analysed_word,
        documents._document_keys,
    ):
        cached.cache_clear()


def time_body(label: str, body: str, language: str, repeats: int = 20) -> None:
    clear_caches()
    start = time.perf_counter()
    analyse_document(title="", summary="", body=body, attachments="", language=language)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(repeats):
        analyse_document(title="", summary="", body=body, attachments="", language=language)
    warm = (time.perf_counter() - start) / repeats
    count = len(body.split())
    print(
        f"  {label:<28} {warm / count * 1e6:8.3f} us/word warm  "
        f"{cold / count * 1e6:8.3f} us/word cold  ({count} words)"
    )


def speed() -> None:
    rng = random.Random(15)
    hindi = " ".join(demo_text("hi")).split()
    typographic = [*ENGLISH, "panchayat’s", "“open”", "—", "café"]
    print("analyse_document on a 5,000-word body:")
    time_body("English (ASCII)", " ".join(rng.choice(ENGLISH) for _ in range(5000)), "en")
    time_body("English (typographic)", " ".join(rng.choice(typographic) for _ in range(5000)), "en")
    time_body("Hindi (demo vocabulary)", " ".join(rng.choice(hindi) for _ in range(5000)), "hi")


def collisions() -> None:
    print("\nStems of the demo vocabulary sharing a key with another stem of their language:")
    for language in LANGUAGES:
        stems = set()
        for text in demo_text(language):
            for word in words(normalise(text)):
                if script_of(word) not in ("latin", "other"):
                    stems.add(stem(word, language))
        kinds = collections.defaultdict(lambda: collections.defaultdict(set))
        for word in stems:
            for key in romanise.document_keys(word):
                kind = {"q": "Urdu skeleton", "x": "Brahmic skeleton"}.get(key[0], "vowelled")
                kinds[kind][key].add(word)
        for kind, by_key in sorted(kinds.items()):
            shared = {key: group for key, group in by_key.items() if len(group) > 1}
            sharing = sum(len(group) for group in shared.values())
            worst = sorted(shared.items(), key=lambda item: -len(item[1]))[:3]
            examples = "; ".join(f"{key}: {' '.join(sorted(group))}" for key, group in worst)
            print(
                f"  {language} {kind:<17} {len(stems):4} stems, {len(by_key):4} keys, "
                f"{sharing:4} stems ({sharing / len(stems):4.0%}) share one; e.g. {examples}"
            )


if __name__ == "__main__":
    speed()
    collisions()
