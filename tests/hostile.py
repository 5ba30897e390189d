"""Hostile query values for the pages issue 18 added, and the check every such page must pass:
a sensible page (200, or 404 where the path names nothing), never a 500, nothing echoed
unescaped."""

SCRIPT = "<script>alert(1)</script>"

#: (id, query) pairs; a list value repeats the parameter.
HOSTILE_QUERIES = [
    ("page-letters", {"page": "abc"}),
    ("page-negative", {"page": "-1"}),
    ("page-zero", {"page": "0"}),
    ("page-beyond", {"page": "99999"}),
    ("page-huge", {"page": "9" * 400}),
    ("page-repeated", {"page": ["2", "abc", "-1"]}),
    ("place-script", {"place": SCRIPT}),
    ("place-unknown", {"place": "PK-XX"}),
    ("place-long", {"place": "PK-" + "X" * 5000}),
    ("place-repeated", {"place": ["PK-PB"] * 60 + ["PK-SD", "PK-XX"]}),
    ("place-nul", {"place": "PK-PB\x00"}),
    ("every-filter-script", {"q": SCRIPT, "status": SCRIPT, "country": SCRIPT, "theme": SCRIPT,
                             "sdg": SCRIPT, "agency": SCRIPT, "sort": SCRIPT, "scope": SCRIPT}),
    ("every-filter-nul", {"q": "a\x00", "country": "PK\x00", "theme": "x\x00", "sort": "\x00"}),
]  # fmt: skip


def with_nul(query: dict) -> bool:
    """Whether ``query`` carries a NUL, which core.middleware answers with a 400 before any
    view reads it (PostgreSQL refuses NUL in text)."""
    return any("\x00" in str(value) for value in query.values())


def assert_sensible(response, *, allowed=(200,), label: str = "") -> None:
    """Answered with an allowed status and without echoing a hostile value unescaped."""
    assert response.status_code in allowed, (label, response.status_code)
    if response.status_code == 200 and "html" in response.get("Content-Type", ""):
        assert SCRIPT not in response.content.decode(), label
