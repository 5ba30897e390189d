"""The one sanitiser (core.text) against a corpus of XSS payloads, plus idempotence.

Outputs are parsed the way a browser would (html5lib, as vendored by bleach) and checked
structurally: only allow-listed tags and attributes, no event handlers, and links only to
http, https, mailto or relative URLs, always with rel="nofollow noopener".
"""

import re
import unicodedata

import pytest
from bleach._vendor import html5lib
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.html_sanitize import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_PROTOCOLS,
    ALLOWED_TAGS,
    MAX_HTML_DEPTH,
    clean_imported_html,
    sanitize_html,
)
from core.markdown_defuse import (
    MAX_BRACKET_DEPTH,
    MAX_FORMATTED_ELEMENTS,
    MAX_NESTING_DEPTH,
    MAX_SPLITTING_LINES_PER_BLOCK,
    defuse_markdown,
)
from core.text import (
    MAX_DOCUMENT_MARKDOWN_LENGTH,
    MAX_POST_MARKDOWN_LENGTH,
    markdown_to_plain_text,
    render_markdown,
)

from .markup_checks import assert_no_control_characters, assert_no_executable_markup

PAYLOADS = [
    # script tags
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<script\x20type='text/javascript'>alert(1)</script>",
    "<<script>alert(1);//<</script>",
    "<script/src=data:,alert(1)></script>",
    "</p><script>alert(1)</script><p>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    # event handlers
    "<img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    "<div onmouseover='alert(1)'>hover</div>",
    "<a href='https://ok.example' onclick='alert(1)'>x</a>",
    "<p onclick=alert(1)>para</p>",
    "<strong/onmouseover=alert(1)>x</strong>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<marquee onstart=alert(1)>",
    "<table background=javascript:alert(1)><tr><td onmouseover=alert(1)>x</td></tr></table>",
    # javascript: with entity / tab / case / whitespace tricks
    "<a href='javascript:alert(1)'>x</a>",
    "<a href='JaVaScRiPt:alert(1)'>x</a>",
    "<a href='java\tscript:alert(1)'>x</a>",
    "<a href='java\nscript:alert(1)'>x</a>",
    "<a href='&#106;avascript:alert(1)'>x</a>",
    "<a href='&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)'>x</a>",
    "<a href='&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)'>x</a>",
    "<a href=' javascript:alert(1)'>x</a>",
    "<a href='\x01javascript:alert(1)'>x</a>",
    "<a href='javascript&colon;alert(1)'>x</a>",
    "<a href='jav&#x09;ascript:alert(1)'>x</a>",
    "<a href='vbscript:msgbox(1)'>x</a>",
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](java&#09;script:alert(1))",
    "[click]( javascript:alert(1) )",
    "[click](<javascript:alert(1)>)",
    "<javascript:alert(1)>",
    "[a](javascript://%0aalert(1))",
    "![img](javascript:alert(1))",
    # data: URIs
    "<a href='data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='>x</a>",
    "[x](data:text/html,<script>alert(1)</script>)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "<img src='data:image/svg+xml,<svg onload=alert(1)>'>",
    "<object data='data:text/html,<script>alert(1)</script>'></object>",
    "<iframe src='data:text/html,<script>alert(1)</script>'></iframe>",
    # SVG / MathML mutation
    "<svg><script>alert(1)</script></svg>",
    "<svg onload=alert(1)>",
    "<svg><a xlink:href='javascript:alert(1)'><text>x</text></a></svg>",
    "<svg><animate attributeName=href values=javascript:alert(1) /></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    "<math><mi xlink:href='javascript:alert(1)'>x</mi></math>",
    '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
    # reference-style links and autolinks
    "[click][evil]\n\n[evil]: javascript:alert(1)",
    '[click][evil]\n\n[evil]: JaVaScRiPt:alert(1) "title"',
    "![pic][evil]\n\n[evil]: data:text/html,<script>alert(1)</script>",
    '[ok][1]\n\n[1]: https://example.org/" onmouseover="alert(1)',
    '<https://example.org/" onmouseover="alert(1)>',
    "www.example.org/<script>alert(1)</script>",
    # attribute break-outs
    '<a href="https://x.example/" title="" onmouseover="alert(1)">x</a>',
    "<a title='x' style='background:url(javascript:alert(1))' href='https://x.example'>x</a>",
    '<a href=https://x.example/ title=x"onmouseover=alert(1)//>x</a>',
    '[x](https://example.org/"onmouseover="alert(1))',
    '[x](https://example.org/ "title" onmouseover="alert(1)")',
    "<p style='x:expression(alert(1))'>x</p>",
    '<td align="left" onmouseover=alert(1)>x</td>',
    # other active elements
    "<iframe src='https://evil.example'></iframe>",
    "<embed src='https://evil.example/x.swf'>",
    "<object data='https://evil.example/x'></object>",
    "<base href='javascript:alert(1)//'>",
    "<meta http-equiv='refresh' content='0;url=javascript:alert(1)'>",
    "<link rel=stylesheet href='javascript:alert(1)'>",
    "<style>@import 'javascript:alert(1)';</style>",
    "<form action='javascript:alert(1)'><button>x</button></form>",
    "<button formaction='javascript:alert(1)'>x</button>",
    "<template><script>alert(1)</script></template>",
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "    <script>alert(1)</script>",
    "> <script>alert(1)</script>",
    "* <img src=x onerror=alert(1)>",
    "<a href='//evil.example/%0a%0dSet-Cookie:x'>x</a>",
]

SAFE_SCHEMES = set(ALLOWED_PROTOCOLS)
# Building blocks for generated markup: fragments of tags, attributes, entities and schemes.
HTML_TOKENS = [
    *"<>/=\"' &#;:abcdehijlmoprstvx*_[]()!`\n\t-1",
    "javascript:",
    "<a href=",
    "<script>",
    "</script>",
    "&lt;",
    "&amp;",
    "&#106;",
    " onerror=",
    "<svg>",
    "<math>",
    "<style>",
    "<p>",
    "</p>",
    "<strong>",
    "https://example.org",
    "www.example.org",
    "<!--",
    "-->",
]
DANGEROUS = re.compile(r"(javascript|vbscript|data|livescript)\s*:", re.IGNORECASE)


def scheme_of(url: str) -> str | None:
    # Browsers ignore ASCII whitespace and control characters when reading a scheme.
    cleaned = "".join(
        ch for ch in url if not (unicodedata.category(ch).startswith("C") or ch.isspace())
    ).lower()
    match = re.match(r"^([a-z][a-z0-9+.\-]*):", cleaned)
    return match.group(1) if match else None


def assert_script_free(html: str) -> None:
    fragment = html5lib.parseFragment(str(html), namespaceHTMLElements=False)
    for element in fragment.iter():
        tag = element.tag
        if not isinstance(tag, str):  # comments
            pytest.fail(f"comment survived: {html!r}")
        if tag == "DOCUMENT_FRAGMENT":
            continue
        tag = tag.split("}")[-1]
        assert tag in ALLOWED_TAGS, f"tag <{tag}> survived in {html!r}"
        allowed = set(ALLOWED_ATTRIBUTES.get(tag, []))
        for name, value in element.attrib.items():
            name = name.split("}")[-1].lower()
            assert not name.startswith("on"), f"event handler {name} in {html!r}"
            assert name in allowed, f"attribute {name} on <{tag}> in {html!r}"
            assert not DANGEROUS.search(re.sub(r"[\s\x00-\x1f]", "", value)), html
            if name == "href":
                scheme = scheme_of(value)
                assert scheme is None or scheme in SAFE_SCHEMES, f"href {value!r} in {html!r}"
        if tag == "a" and "href" in element.attrib:
            assert set(element.attrib.get("rel", "").split()) >= {"nofollow", "noopener"}, html


def test_corpus_is_large_enough():
    assert len(PAYLOADS) >= 60
    assert len(set(PAYLOADS)) == len(PAYLOADS)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_rendering_leaves_nothing_script_capable(payload):
    assert_script_free(render_markdown(payload))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_sanitising_leaves_nothing_script_capable(payload):
    assert_script_free(sanitize_html(payload))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sanitising_twice_changes_nothing(payload):
    once = sanitize_html(render_markdown(payload))
    assert sanitize_html(once) == once


@pytest.mark.parametrize("payload", PAYLOADS)
def test_plain_text_has_no_markup(payload):
    """Plain text is text: tags are gone; a code sample that shows a tag stays as its text,
    so once escaped for HTML (as every template and feed does) nothing in it can run."""
    text = markdown_to_plain_text(payload)
    assert_script_free(escape(text))
    assert "<img" not in text.lower() or "`" in payload or "    <" in payload


def test_plain_text_is_not_html_escaped():
    # It read "Q&amp;A" in plain-text emails and "&amp;amp;" once a template escaped it.
    assert markdown_to_plain_text('Q&A: **a** < b "c"') == 'Q&A: a < b "c"'


def test_ordinary_markdown_still_works():
    html = render_markdown(
        "## Findings\n\n**Bold**, *italic* and a [link](https://example.org/a?b=1&c=2).\n\n"
        "- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nMail [us](mailto:team@example.org)."
    )
    assert "<h2>Findings</h2>" in html
    assert "<strong>Bold</strong>" in html
    assert 'href="https://example.org/a?b=1&amp;c=2"' in html
    assert 'rel="nofollow noopener"' in html
    assert "<li>one</li>" in html
    assert "<table>" in html
    assert 'href="mailto:team@example.org"' in html


def test_bare_urls_are_linked_with_rel():
    html = render_markdown("See https://example.org/report for details.")
    assert '<a href="https://example.org/report" rel="nofollow noopener">' in html


def test_code_is_shown_not_run():
    html = render_markdown("`<b>not bold</b>`")
    assert "&lt;b&gt;not bold&lt;/b&gt;" in html


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(HTML_TOKENS), max_size=40).map("".join))
def test_sanitising_is_idempotent(text):
    once = sanitize_html(text)
    assert sanitize_html(once) == once
    assert_script_free(once)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_markdown_output_is_a_fixed_point_of_the_sanitiser(text):
    html = render_markdown(text)
    assert sanitize_html(html) == html
    assert_script_free(html)


# --- Issue 12: pathological Markdown ------------------------------------------------------

# Each family at a size well past every defusing threshold (the timings live in
# bench/markdown_worst_case.py; these tests check structure, never time).
PATHOLOGICAL_SIZE = 4_000


def _repeat(unit: str, size: int = PATHOLOGICAL_SIZE) -> str:
    return (unit * (size // len(unit) + 1))[:size]


PATHOLOGICAL = {
    "open brackets": "[" * PATHOLOGICAL_SIZE,
    "open brackets with words": _repeat("[a "),
    "nested brackets": "[" * (PATHOLOGICAL_SIZE // 2) + "]" * (PATHOLOGICAL_SIZE // 2),
    "images": _repeat("!["),
    "footnote references": _repeat("[^"),
    "unclosed links": _repeat("[a]("),
    "link with open parentheses": "[a](" + "(" * PATHOLOGICAL_SIZE,
    "unclosed a tags": _repeat("<a "),
    "unclosed autolinks": _repeat("<http://a "),
    "emphasis": _repeat("*a **b _c __d "),
    "backticks": _repeat("`a ``b "),
    "nested lists": "".join("\t" * level + "- item\n" for level in range(300)),
    "nested lists, four spaces": "".join("    " * level + "- item\n" for level in range(150)),
    "nested lists, two spaces": "".join("  " * level + "- item\n" for level in range(300)),
    "nested blockquotes": ">" * PATHOLOGICAL_SIZE + " quoted",
    "spaced blockquotes": "> " * (PATHOLOGICAL_SIZE // 2) + "quoted",
    "definition lists": _repeat("term\n: definition\n"),
    "headings without blank lines": _repeat("# a\n"),
    "setext headings": _repeat("a\n=\n"),
    "rules": _repeat("- - -\n"),
    "abbreviations": _repeat("*[a]: b\n") + "\n\nab used here",
}


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_markdown_renders_as_visible_safe_text(text):
    html = render_markdown(text)
    assert_script_free(html)
    assert sanitize_html(html) == html
    # What people typed is still there to read (escaped, not swallowed or turned into markup).
    visible = "".join(html5lib.parseFragment(str(html)).itertext())
    letters = {character for character in text if character.isalpha()}
    assert letters <= set(visible)
    assert markdown_to_plain_text(text) or not letters


def _unescaped(text: str, character: str) -> list[int]:
    return [
        position
        for position, found in enumerate(text)
        if found == character
        and (len(text[:position]) - len(text[:position].rstrip("\\"))) % 2 == 0
    ]


def test_unmatched_brackets_are_escaped_so_nothing_scans_to_the_end():
    # Sparse enough to stay formatted, dense enough that each "[" would scan to the end.
    for text in ("[" * 600, "[^" * 300, "x [" * 300):
        defused = defuse_markdown(text)
        assert _unescaped(defused, "[") == []
        assert defused.replace("\\", "") == text


def test_bracket_nesting_is_capped():
    defused = defuse_markdown("[" * 300 + "x" + "]" * 300)
    depth = deepest = 0
    for character_position in sorted(_unescaped(defused, "[") + _unescaped(defused, "]")):
        depth += 1 if defused[character_position] == "[" else -1
        deepest = max(deepest, depth)
    assert deepest <= MAX_BRACKET_DEPTH


def test_a_paragraph_too_dense_to_format_is_shown_as_typed():
    text = "intro\n\n" + "[*a*](" * 600 + "\n\n**after**"
    defused = defuse_markdown(text)
    assert "[" not in defused
    html = render_markdown(text)
    assert "[*a*](" * 600 in html
    assert "<strong>after</strong>" in html
    assert "<p>intro</p>" in html


@pytest.mark.parametrize(
    "family",
    [
        "nested lists",
        "nested lists, four spaces",
        "nested lists, two spaces",
        "nested blockquotes",
        "spaced blockquotes",
    ],
)
def test_nesting_is_flattened_beyond_the_limit(family):
    for line in defuse_markdown(PATHOLOGICAL[family]).split("\n"):
        prefix = re.match(r"[ \t>]*", line).group()
        assert prefix.count(">") <= MAX_NESTING_DEPTH
        assert len(prefix.replace(">", "").expandtabs(4)) <= MAX_NESTING_DEPTH * 4


def test_lists_nested_300_deep_render_every_item():
    # Was a RecursionError: the task page answered 500 for good.
    html = render_markdown(PATHOLOGICAL["nested lists"])
    assert html.count("item") == 300
    assert html.count("<ul>") >= MAX_NESTING_DEPTH


def test_recursion_in_the_renderer_falls_back_to_plain_text(monkeypatch):
    def too_deep(*args, **kwargs):
        raise RecursionError

    # The converter is reused (core.text._markdown_converter): its convert step raises.
    monkeypatch.setattr("core.text.markdown.Markdown.convert", too_deep)
    html = render_markdown("**a** <b>\n\nsecond")
    assert "<p>**a** &lt;b&gt;</p><p>second</p>" in html
    assert "without formatting" in html


def test_many_headings_in_one_block_are_split_into_blocks():
    blocks = defuse_markdown(PATHOLOGICAL["headings without blank lines"]).split("\n\n")
    assert max(block.count("\n# ") for block in blocks) <= MAX_SPLITTING_LINES_PER_BLOCK
    assert render_markdown("# a\n" * 40).count("<h2>a</h2>") == 40


def test_unclosed_tags_are_shown_as_text():
    html = render_markdown(PATHOLOGICAL["unclosed a tags"])
    assert html.count("&lt;a ") > 1000


ORDINARY_MARKDOWN = [
    "## Findings\n\n**Bold**, *italic*, `code` and a [link](https://example.org/a?b=1&c=2).",
    "- one\n- two\n    - nested [ref][1]\n\n[1]: https://example.org",
    "> quoted\n> > twice\n\n1. first\n2. second",
    "| a | b |\n|---|---|\n| [x](https://x.example) | 2 |",
    "Footnote[^1] and ![alt](https://example.org/i.png).\n\n[^1]: The note.",
    "```python\nitems[0][1] = [x for x in y if x[\n```\n\nText with [brackets] and (parens).",
    "Title\n=====\n\nSub\n---\n\n***\n\n<a href='https://x.example'>raw</a> 2 < 3 > 1",
    "Array a[i] and a[i][j], price [approx.] and regex [^abc].",
]


@pytest.mark.parametrize("text", ORDINARY_MARKDOWN)
def test_ordinary_markdown_is_not_rewritten(text):
    assert defuse_markdown(text) == text


def test_text_over_the_limit_is_cut_with_a_notice():
    html = render_markdown("word " * 30, max_chars=50)
    assert html.count("word") == 10
    assert "cut off" in html
    assert "cut off" not in render_markdown("word " * 10, max_chars=50)
    assert MAX_POST_MARKDOWN_LENGTH < MAX_DOCUMENT_MARKDOWN_LENGTH


# --- Issue 12: real-world HTML ------------------------------------------------------------


def test_script_and_style_contents_are_dropped():
    imported = (
        '<p><a href="/cdn-cgi/l/email-protection" data-cfemail="1c">[email&#160;protected]</a>'
        '<script data-cfasync="false">/* <![CDATA[ */ decode() /* ]]> */</script></p>'
        "<style>p { color: red }</style><noscript>Enable JavaScript</noscript>"
        "<svg><style>x{}</style><script>alert(1)</script></svg><template><p>t</p></template>"
    )
    for html in (sanitize_html(imported), clean_imported_html(imported)):
        assert "decode" not in html
        assert "/*" not in html
        assert "color" not in html
        assert "Enable JavaScript" not in html
        assert "alert" not in html
        assert "[email&#160;protected]</a></p>" in html


def test_ids_are_prefixed_and_fragment_links_follow():
    imported = (
        '<ul><li><a href="#methods">Methods</a></li><li><a href="#r%C3%A9sum%C3%A9">R</a></li></ul>'
        '<h2 id="methods">Methods</h2><h3 id="résumé">Résumé</h3><p><a name="old">x</a></p>'
        '<a href="#old">back</a><a href="https://example.org/page#methods">elsewhere</a>'
    )
    html = clean_imported_html(imported)
    assert '<h2 id="user-content-methods">' in html
    assert 'href="#user-content-methods"' in html
    assert 'id="user-content-résumé"' in html
    assert 'href="#user-content-résumé"' in html
    assert 'id="user-content-old"' in html
    assert 'href="#user-content-old"' in html
    assert 'href="https://example.org/page#methods"' in html
    assert clean_imported_html(html) == html


def test_markdown_footnote_links_reach_their_notes():
    html = render_markdown("Claim[^1].\n\n[^1]: Source.")
    assert 'href="#user-content-fn-1"' in html
    assert 'id="user-content-fn-1"' in html
    assert 'href="#user-content-fnref-1"' in html
    assert 'id="user-content-fnref-1"' in html


def test_empty_markdown_renders_to_nothing():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""
    assert render_markdown("\x00\x01") == ""
    assert markdown_to_plain_text("") == ""


def test_h1_becomes_the_highest_heading_a_page_allows():
    assert "<h2>Title</h2>" in sanitize_html("<h1>Title</h1>")
    assert "<h2>Title</h2>" in render_markdown("# Title")
    assert "<h2>Title</h2>" in render_markdown("Title\n=====")


DANGEROUS_URLS = [
    "[x](javascript:123)",
    "[x](JavaScript:123)",
    "[x](javascript:alert)",
    "[x](vbscript:123)",
    "[x](VBScript:msgbox)",
    "[x](data:123)",
    "[x](data:text/html,hi)",
    "[x](<javascript:123>)",
    "[x](&#106;avascript:123)",
    "[x](java&#x09;script:123)",
    "[x][r]\n\n[r]: javascript:123",
    '<a href="javascript:123">x</a>',
    '<a href=" javascript:123">x</a>',
    '<a href="java\tscript:123">x</a>',
    '<a href="&#x6A;avascript:123">x</a>',
    '<a href="javascript&colon;123">x</a>',
    '<a href="vbscript&#58;123">x</a>',
    '<a href="j&#97;vascript:123">x</a>',
    '<a href="DATA:text/html,x">x</a>',
    '<a href="\x01javascript:123">x</a>',
    '<a href="<javascript:123">x</a>',
]


@pytest.mark.parametrize("payload", DANGEROUS_URLS)
def test_no_script_url_leaves_the_sanitiser(payload):
    for html in (render_markdown(payload), sanitize_html(payload), clean_imported_html(payload)):
        assert_no_executable_markup(html)
        assert "href" not in html
    assert ">x<" in render_markdown(payload)  # the link text stays readable


def test_control_characters_never_reach_output():
    text = "a\x00b\x01c\x08d\x0be\x1ff\x7fg &#1; &#x1F; &#0; &#10; <a title='t\x02&#3;' href='https://x.example'>h</a>"
    for html in (render_markdown(text), sanitize_html(text), clean_imported_html(text)):
        assert_no_control_characters(html)
        assert "abcdefg" in html
    assert_no_control_characters(markdown_to_plain_text(text))


def test_formatting_stops_after_the_element_budget_with_a_notice():
    html = render_markdown("# heading\n" * (MAX_FORMATTED_ELEMENTS + 500))
    assert html.count("<h2>heading</h2>") == MAX_FORMATTED_ELEMENTS
    assert html.count("# heading<br>") >= 499
    assert "Formatting stops part-way" in html
    assert "Formatting stops" not in render_markdown("# heading\n" * 40)


def _depth(element, level: int = 0) -> int:
    return max((_depth(child, level + 1) for child in element), default=level)


def test_deeply_nested_imported_html_is_capped_but_keeps_its_text():
    # 3,000 nested <ul><li> took 30 s in html5lib (it re-walks the open elements per tag).
    html = clean_imported_html("<ul><li>item" * 3000)
    tree = html5lib.parseFragment(html, namespaceHTMLElements=False)
    assert _depth(tree) <= MAX_HTML_DEPTH + 1
    assert html.count("item") == 3000


def test_sloppy_but_flat_imported_html_keeps_its_structure():
    sloppy = (
        "<ul>" + "<li><b>x</b> y" * 300 + "</ul>" + "<p>para" * 300
        + "<table>" + "<tr><td>a<td>b" * 200 + "</table>"
    )  # fmt: skip
    html = clean_imported_html(sloppy)
    assert html.count("<li>") == 300
    assert html.count("<p>") == 300
    assert html.count("<td>") == 400
