"""Hostile Markdown never breaks the renderer and never yields executable markup.

Generated text mixes deep nesting, runs of brackets / emphasis / backticks, HTML fragments
with script URLs, control characters, and text from every Unicode category (RTL marks,
combining marks, surrogates excluded since they cannot be encoded). Timing is left to
bench/markdown_worst_case.py; these tests only check behaviour. Re-sanitising is not
asserted here: html5lib re-parents mis-nested formatting elements (an unclosed <a> around
a list) differently on a second parse, which changes structure, never safety.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.html_sanitize import sanitize_html
from core.markdown_defuse import defuse_markdown
from core.text import markdown_to_plain_text, render_markdown

from .markup_checks import assert_no_control_characters, assert_no_executable_markup

FRAGMENTS = [
    "[", "]", "![", "[^", "](", "(", ")", "<a ", "<a href='javascript:1'>", "</a>", "<", ">",
    "*", "**", "_", "__", "`", "```", "~~~", "\\", "&#", "&#106;", "&colon;", "#", "=", "-",
    "|", ":", "    ", "\t", "> ", "- ", "1. ", "\n", "\n\n", "<script>", "</script>",
    "<style>", "<iframe src=x>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
    "javascript:", "JaVa\tScRiPt:", "vbscript:", "data:text/html,", "[x](javascript:1)",
    "[x](data:1)", "[r]: javascript:1", "<h1 id=x>", "#x", "<a name=top>", "www.example.org",
    "https://example.org/(a)", "\x00", "\x01", "\x1b", "\x7f", "&#1;", "&#0;",
    "\u200f", "\u202e", "\u0301", "\ufeff", "\u2028", "\U0001f600",
]  # fmt: skip

hostile_pieces = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=8),
    # Runs: the shapes that used to be quadratic or recursive.
    st.builds(lambda unit, count: unit * count, st.sampled_from(FRAGMENTS), st.integers(1, 40)),
    st.builds(
        lambda depth, marker: "".join(marker * level + "- x\n" for level in range(depth)),
        st.integers(1, 40),
        st.sampled_from(["\t", "    ", "  ", "> ", ">"]),
    ),
)
hostile_markdown = st.lists(hostile_pieces, max_size=20).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_markdown)
def test_hostile_markdown_renders_without_executable_markup(text):
    html = render_markdown(text)
    assert_no_executable_markup(html)
    assert_no_control_characters(html)
    assert_no_executable_markup(sanitize_html(html))
    plain = markdown_to_plain_text(text)
    assert_no_control_characters(plain)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_markdown)
def test_defusing_is_stable(text):
    once = defuse_markdown(text)
    assert isinstance(once, str)
    assert_no_executable_markup(render_markdown(once))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_markdown)
def test_hostile_html_is_sanitised(text):
    html = sanitize_html(text)
    assert_no_executable_markup(html)
    assert_no_control_characters(html)
