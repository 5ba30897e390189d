"""The one way user-written Markdown and imported HTML become safe HTML.

Every feature that shows text people typed (case study submissions, threads, Q&A,
proposals) goes through ``render_markdown``. Sanitising lives behind this single module
so the engine can be swapped (bleach 6.x gets no further security releases) without
touching callers; the payload corpus in ``tests/core/test_text.py`` guards it.

Public API
----------
``render_markdown(text, *, max_chars=MAX_DOCUMENT_MARKDOWN_LENGTH) -> SafeString``
    Markdown → HTML → allow-list. Text longer than ``max_chars`` is cut there and a
    visible notice says so; forms should refuse such text before it gets this far
    (``MAX_DOCUMENT_MARKDOWN_LENGTH`` for long bodies, ``MAX_POST_MARKDOWN_LENGTH`` for
    posts, answers and sections).
``sanitize_html(html) -> SafeString``
    Any HTML → the allow-list. Idempotent.
``clean_imported_html(html) -> str``
    For importers: converts real-world HTML *once, on import* into what the site stores
    and later shows as is. It is ``sanitize_html`` (script/style/iframe… contents dropped,
    ``<h1>`` shown as ``<h2>``, ids kept as ``user-content-…`` with ``href="#…"`` links
    rewritten to match, no ``javascript:``/``vbscript:``/``data:`` URL in any spelling,
    no C0 control characters, tags nested deeper than ``MAX_HTML_DEPTH`` removed but their
    text kept) returned as a plain ``str``. Cleaning the result again is safe and normally
    identical (html5lib may re-parent badly mis-nested formatting tags once more). Cost is
    linear in the input: about 5-60 s per MB depending on load on this 2-core machine, so
    run it once in the import, never per page view.
``render_markdown(text, mention_links={"handle": "/url/"})``
    Also turns each ``@handle`` (``MENTION_PATTERN``; not inside links or code) whose
    lower-cased handle is a key into a link to that address; other mentions stay text.
    The caller decides whom to link (e.g. only members of a private space).
``mentioned_handles(text) -> set[str]`` (``core.html_sanitize``)
    The lower-cased handles ``text`` mentions, for linking and notifying.
``markdown_to_plain_text(text) -> str``
    Plain text for search indexes, emails and meta descriptions.
``defuse_markdown(text) -> str`` (``core.markdown_defuse``)
    The pre-pass ``render_markdown`` applies; exposed for tests and benchmarks.

``sanitize_html``, ``clean_imported_html`` and ``strip_control_characters`` live in
``core.html_sanitize``; ``defuse_markdown`` and its limits (why a pre-pass, and what it rewrites)
in ``core.markdown_defuse``. This module puts them together.
"""

import html
import re
import secrets
import threading
from collections.abc import Mapping

import markdown
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from .html_sanitize import sanitize_html, strip_control_characters
from .markdown_defuse import FORMATTING_STOPPED, MAX_FORMATTED_ELEMENTS, defuse_with_placeholders

# Input limits: models and forms refuse longer text; the renderer cuts anything longer with a
# notice. Posts, answers, brief and proposal sections, task descriptions...
MAX_POST_MARKDOWN_LENGTH = 20_000
# ...and the long bodies of case studies and findings (a report chapter is ~60,000).
MAX_DOCUMENT_MARKDOWN_LENGTH = 100_000
MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "nl2br"]


def _plain_paragraphs(text: str) -> str:
    return "".join(
        format_html("<p>{}</p>", paragraph).replace("\n", "<br>\n")
        for paragraph in re.split(r"\n\s*\n", text)
        if paragraph.strip()
    )


_converters = threading.local()


def _markdown_converter() -> markdown.Markdown:
    """This thread's Markdown converter, reset for a new text (Python-Markdown's way to reuse
    one): building one and its extensions took a third of the time of rendering a field."""
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = markdown.Markdown(
            extensions=MARKDOWN_EXTENSIONS, output_format="html"
        )
    return converter.reset()


def _markdown_html(text: str, *, max_chars: int) -> tuple[str, dict[str, str]]:
    """Unsanitised HTML for ``text`` (bounded, defused, with a notice when cut or too deep),
    and the escaped text of each block too dense to format, keyed by its placeholder."""
    text = strip_control_characters((text or "").replace("\r\n", "\n").replace("\r", "\n"))
    if not text:
        # Every save renders each Markdown field, most of them empty; building the Markdown
        # converter alone costs more than a short paragraph.
        return "", {}
    notice = ""
    if len(text) > max_chars:
        text = text[:max_chars]
        notice = format_html(
            "<p><em>{}</em></p>",
            gettext(
                "This text is cut off here: it is longer than the limit of %(limit)s characters."
            )
            % {"limit": f"{max_chars:,}"},
        )
    plain_blocks: dict[str, str] = {}
    try:
        rendered = _markdown_converter().convert(
            defuse_with_placeholders(text, plain_blocks=plain_blocks, nonce=secrets.token_hex(8))
        )
    except RecursionError:
        _converters.markdown = None  # left half-way through a text: start afresh
        plain_blocks = {}
        rendered = _plain_paragraphs(text)
        notice = format_html(
            "<p><em>{}</em></p>",
            gettext("This text is shown without formatting: it is nested too deeply."),
        )
    if plain_blocks.pop(FORMATTING_STOPPED, None):
        notice += format_html(
            "<p><em>{}</em></p>",
            gettext(
                "Formatting stops part-way: this text has more than %(limit)s paragraphs, "
                "list items, cells and links, so the rest is shown as typed."
            )
            % {"limit": f"{MAX_FORMATTED_ELEMENTS:,}"},
        )
    return rendered + notice, plain_blocks


def render_markdown(
    text: str,
    *,
    max_chars: int = MAX_DOCUMENT_MARKDOWN_LENGTH,
    mention_links: Mapping[str, str] | None = None,
) -> SafeString:
    """Render Markdown written by a person into safe HTML; ``mention_links`` maps lower-cased
    handles to the address their @mention links to (see the module docstring)."""
    rendered, plain_blocks = _markdown_html(text, max_chars=max_chars)
    html = sanitize_html(rendered, mention_links=mention_links)
    # Dense blocks are put back after sanitising: they are escaped text (no tag, no quote),
    # safe anywhere, and bleach would spend ~0.2 ms on each of their thousands of entities.
    for placeholder, plain in plain_blocks.items():
        html = html.replace(placeholder, plain)
    return mark_safe(html)  # noqa: S308 - sanitised HTML plus escaped text


def markdown_to_plain_text(text: str, *, max_chars: int = MAX_DOCUMENT_MARKDOWN_LENGTH) -> str:
    """Plain text for search indexes, emails and meta descriptions.

    Real text, not HTML: ``Q&A`` stays ``Q&A`` (it came back as ``Q&amp;A``, which
    plain-text emails showed as such and templates escaped a second time). Whoever puts
    it into HTML escapes it, as with any other text.
    """
    return html_to_plain_text(render_markdown(text, max_chars=max_chars))


def html_to_plain_text(markup: str) -> str:
    """The text of sanitised HTML (e.g. a stored rendering), whitespace collapsed."""
    return " ".join(html.unescape(strip_tags(markup or "")).split())
