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

from core.text import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_PROTOCOLS,
    ALLOWED_TAGS,
    markdown_to_plain_text,
    render_markdown,
    sanitize_html,
)

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
