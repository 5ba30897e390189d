"""Markdown worst case: render time of each pathological input family at the input limits.

    .venv/bin/python bench/markdown_worst_case.py                 # after (core.text today)
    .venv/bin/python bench/markdown_worst_case.py --before        # also the pre-issue-12 pipeline
    .venv/bin/python bench/markdown_worst_case.py --sizes 10000 --only "open brackets"
    .venv/bin/python bench/markdown_worst_case.py --generated 500    # the property test's inputs

"After" is ``core.text.render_markdown`` (defuse → Python-Markdown → bleach). "Before" is the
pipeline as it was (Python-Markdown → bleach, nothing defused); it runs in a child process
killed after ``--timeout`` seconds, since some families take minutes or recurse to death.
Times are CPU time of the rendering process (``time.process_time``: on a shared machine wall
time mostly measures the neighbours), the best of ``--repeat`` runs with the worst beside it.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policylab_site.settings.test")
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _nested_lines(unit: str, indent: str, size: int) -> str:
    lines, total, level = [], 0, 0
    while total < size:
        line = indent * level + unit
        lines.append(line)
        total += len(line)
        level += 1
    return "".join(lines)[:size]


PROSE = (
    "Policy labs work with district governments on evidence. See the [brief](https://example.org/b)"
    " and *the annex*, `table 2`, and **findings**.\n\n- one point\n- another point\n\n"
)

FAMILIES = {
    "open brackets [": lambda n: "[" * n,
    "open brackets with words": lambda n: _repeat("[a ", n),
    "nested brackets [[..]]": lambda n: "[" * (n // 2) + "]" * (n // 2),
    "images ![": lambda n: _repeat("![", n),
    "footnote references [^": lambda n: _repeat("[^", n),
    "unclosed links [a](": lambda n: _repeat("[a](", n),
    "link, open parentheses": lambda n: "[a](" + "(" * (n - 4),
    "links with quoted titles": lambda n: _repeat('[a](b "', n),
    "unclosed a tags <a ": lambda n: _repeat("<a ", n),
    "unclosed autolinks": lambda n: _repeat("<http://a ", n),
    "less-than runs <": lambda n: "<" * n,
    "emphasis runs": lambda n: _repeat("*a **b _c __d ", n),
    "asterisk run": lambda n: "*" * n,
    "backtick runs": lambda n: _repeat("`a ``b ", n),
    "backslashes": lambda n: "\\" * n,
    "entities &#": lambda n: _repeat("&#", n),
    "nested lists (tabs)": lambda n: _nested_lines("- item\n", "\t", n),
    "nested lists (spaces)": lambda n: _nested_lines("- item\n", "    ", n),
    "nested blockquotes >>>": lambda n: ">" * (n - 2) + " q",
    "blockquote per line": lambda n: _nested_lines(" q\n", ">", n),
    "definition lists": lambda n: _repeat("term\n: definition\n", n),
    "headings, no blank lines": lambda n: _repeat("# a\n", n),
    "setext headings": lambda n: _repeat("a\n=\n", n),
    "rules": lambda n: _repeat("- - -\n", n),
    "abbreviations": lambda n: _repeat("*[a]: b\n", n),
    "flat list": lambda n: _repeat("- item\n", n),
    "table rows": lambda n: "|a|b|\n|-|-|\n" + _repeat("|a|b|\n", n - 12),
    "fences": lambda n: _repeat("```\n", n),
    "html comments": lambda n: _repeat("<!-- ", n),
    "bare URLs": lambda n: _repeat("www.a.org ", n),
    "prose (ordinary text)": lambda n: _repeat(PROSE, n),
}


def _before(text: str) -> str:
    """The pipeline before issue 12: Markdown straight into bleach."""
    from functools import partial

    import bleach
    import markdown

    from core.html_sanitize import ALLOWED_PROTOCOLS, ALLOWED_TAGS
    from core.text import MARKDOWN_EXTENSIONS

    cleaner = bleach.Cleaner(
        tags=ALLOWED_TAGS,
        attributes={"a": ["href", "title", "rel"], "th": ["align"], "td": ["align"]},
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=[partial(bleach.linkifier.LinkifyFilter, skip_tags={"pre", "code"})],
    )
    return cleaner.clean(markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS))


def _after(text: str, max_chars: int) -> str:
    from core.text import render_markdown

    return render_markdown(text, max_chars=max_chars)


def _time_in_child(family: str, size: int, queue) -> None:
    import django

    django.setup()
    text = FAMILIES[family](size)
    _before("warm up")
    started = time.process_time()
    try:
        _before(text)
        queue.put(f"{(time.process_time() - started) * 1000:.0f} ms")
    except RecursionError:
        queue.put(f"RecursionError after {(time.process_time() - started) * 1000:.0f} ms")


def time_before(family: str, size: int, timeout: float) -> str:
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=_time_in_child, args=(family, size, queue))
    child.start()
    child.join(timeout)
    if child.is_alive():
        child.kill()
        child.join()
        return f"> {timeout:.0f} s"
    return queue.get()


def time_after(family: str, size: int, repeat: int) -> tuple[float, float]:
    text = FAMILIES[family](size)
    runs = []
    for _ in range(repeat):
        started = time.process_time()
        _after(text, max_chars=size)
        runs.append((time.process_time() - started) * 1000)
    return min(runs), max(runs)


def time_generated(count: int) -> None:
    """Render times of inputs drawn from the property test's hostile-Markdown strategy."""
    import warnings

    from hypothesis.errors import NonInteractiveExampleWarning

    from tests.core.test_markdown_properties import hostile_markdown

    warnings.simplefilter("ignore", NonInteractiveExampleWarning)
    runs = []
    for _ in range(count):
        text = hostile_markdown.example()
        started = time.process_time()
        _after(text, max_chars=len(text) + 1)
        runs.append(((time.process_time() - started) * 1000, len(text)))
    runs.sort()
    slowest, chars = runs[-1]
    print(f"{count} generated inputs, up to {max(c for _, c in runs):,} characters:")
    print(
        f"  median {runs[len(runs) // 2][0]:.1f} ms, 99th percentile "
        f"{runs[int(len(runs) * 0.99) - 1][0]:.1f} ms, slowest {slowest:.1f} ms ({chars:,} chars)"
    )


def main() -> None:
    import django

    django.setup()
    from core.text import MAX_DOCUMENT_MARKDOWN_LENGTH, MAX_POST_MARKDOWN_LENGTH

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[MAX_POST_MARKDOWN_LENGTH, MAX_DOCUMENT_MARKDOWN_LENGTH],
    )
    parser.add_argument("--before", action="store_true", help="also time the old pipeline")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per 'before' run")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", nargs="+", help="family names to run")
    parser.add_argument(
        "--generated", type=int, metavar="N", help="time N inputs drawn like the property test's"
    )
    args = parser.parse_args()

    _after("warm up", max_chars=100)
    if args.generated:
        time_generated(args.generated)
        return
    families = [name for name in FAMILIES if not args.only or name in args.only]
    print("| family | chars | before | after (best / worst) |")
    print("|---|---:|---:|---:|")
    for size in args.sizes:
        for family in families:
            before = time_before(family, size, args.timeout) if args.before else "-"
            best, worst = time_after(family, size, args.repeat)
            print(f"| {family} | {size:,} | {before} | {best:.0f} / {worst:.0f} ms |", flush=True)


if __name__ == "__main__":
    main()
