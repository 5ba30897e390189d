"""The synthetic corpus of ``bench/search.py``: deterministic governance prose from a
Zipf-distributed vocabulary, with planted terms of known document frequency (see that script's top).
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from bench.vocabulary import BASE_WORDS

SEED = 20261123
RARE_SHARE, MID_SHARE = 0.005, 0.08
N_RARE, N_MID, N_COMMON, N_AUTOCOMPLETE = 16, 16, 8, 10

COUNTRIES = ["PK", "IN", "BD", "NP", "LK", "BT", "MV", "AF"]
THEMES = ["Service delivery", "Civil service", "Digital government", "Public finance", "Health",
          "Education", "Local government", "Climate", "Justice", "Social protection"]  # fmt: skip
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "su",
    "ten",
    "dor",
    "vi",
    "pa",
    "zu",
    "ne",
    "tha",
    "bor",
    "qi",
    "mel",
]


def pseudo_word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables))


class Corpus:
    """Deterministic documents plus the planted query terms and their true document frequencies."""

    def __init__(self, n: int):
        rng = random.Random(SEED)
        self.n = n
        filler = sorted({pseudo_word(rng, rng.randint(2, 4)) for _ in range(4000)})
        self.vocabulary = BASE_WORDS + filler
        # Zipf weights: a few words everywhere, a long tail of rare ones.
        self.weights = [1 / (rank + 1) ** 1.05 for rank in range(len(self.vocabulary))]
        self.rare = [f"raret{pseudo_word(rng, 3)}" for _ in range(N_RARE)]
        self.mid = [f"midt{pseudo_word(rng, 3)}" for _ in range(N_MID)]
        self.common = [f"commont{pseudo_word(rng, 2)}" for _ in range(N_COMMON)]
        self.autocomplete = []
        self.rng = rng

    def documents(self):
        from search.engines.base import IndexDocument

        rng = random.Random(SEED + self.n)
        start = datetime(2015, 1, 1, tzinfo=UTC)
        choices = rng.choices
        for i in range(self.n):
            words = choices(self.vocabulary, weights=self.weights, k=170)
            planted = list(self.common)
            planted += [t for t in self.rare if rng.random() < RARE_SHARE]
            planted += [t for t in self.mid if rng.random() < MID_SHARE]
            body_words = words[20:] + planted
            rng.shuffle(body_words)
            title = " ".join(words[:7]).capitalize()
            yield IndexDocument(
                page_id=0,
                content_type=rng.choice(["case_study", "finding", "challenge", "lab", "event"]),
                title=title,
                summary=" ".join(words[7:20]).capitalize() + ".",
                body=" ".join(body_words),
                attachments="",
                url="",
                published_at=start + timedelta(hours=i * 7),
                facets={
                    "country": rng.sample(COUNTRIES, rng.randint(1, 2)),
                    "theme": rng.sample(THEMES, rng.randint(1, 3)),
                    "sdg": [str(rng.randint(1, 17))],
                    "year": [str(2015 + (i * 7 // 24) // 365)],
                },
            )

    def queries(self, titles: list[str]) -> dict[str, list[str]]:
        rng = random.Random(SEED)
        prefixes = []
        for title in rng.sample(titles, min(N_AUTOCOMPLETE, len(titles))):
            first, *rest = title.split()
            prefixes.append(
                first[: max(3, len(first) - 2)].lower()
                if not rest
                else f"{first.lower()} {rest[0][:3]}"
            )
        return {
            "rare": list(self.rare),
            "mid": list(self.mid),
            "common": list(self.common),
            "autocomplete": prefixes,
        }
