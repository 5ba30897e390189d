"""The one way user-written Markdown becomes HTML: markdown → bleach allow-list.

Every feature that shows text people typed (case study submissions, threads, Q&A,
proposals) goes through ``render_markdown``. Sanitising lives behind this single module
so the engine can be swapped (bleach 6.x gets no further security releases) without
touching callers; the payload corpus in ``tests/core/test_text.py`` guards it.
"""

from functools import partial
from html import unescape

import bleach
import markdown
from bleach.linkifier import Linker
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

#: Longest Markdown one field may hold: posts, answers, brief and proposal sections...
MAX_POST_MARKDOWN_LENGTH = 20_000
#: ...and the long bodies of case studies and findings (a report chapter is ~60,000).
MAX_DOCUMENT_MARKDOWN_LENGTH = 100_000

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
        "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody",
        "tr", "th", "td", "del", "sup", "sub",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"], "th": ["align"], "td": ["align"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "nl2br"]


def _force_rel(attrs, new=False):
    href_key = (None, "href")
    if href_key in attrs:
        attrs[(None, "rel")] = "nofollow noopener"
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[
        partial(bleach.linkifier.LinkifyFilter, callbacks=[_force_rel], skip_tags={"pre", "code"})
    ],
)


def sanitize_html(html: str) -> SafeString:
    """Reduce arbitrary HTML to the allow-list. Idempotent."""
    return mark_safe(_cleaner.clean(html or ""))  # noqa: S308 - output of the allow-list cleaner


def render_markdown(text: str) -> SafeString:
    """Render Markdown written by a person into safe HTML."""
    html = markdown.markdown(text or "", extensions=MARKDOWN_EXTENSIONS, output_format="html")
    return sanitize_html(html)


def markdown_to_plain_text(text: str) -> str:
    """Plain text for search indexes, emails and meta descriptions.

    Real text, not HTML: ``Q&A`` stays ``Q&A`` (it came back as ``Q&amp;A``, which
    plain-text emails showed as such and templates escaped a second time). Whoever puts
    it into HTML escapes it, as with any other text.
    """
    html = markdown.markdown(text or "", extensions=MARKDOWN_EXTENSIONS)
    return html_to_plain_text(bleach.clean(html, tags=set(), strip=True))


def html_to_plain_text(html: str) -> str:
    """The text of sanitised HTML (e.g. a stored rendering), whitespace collapsed."""
    return " ".join(unescape(strip_tags(html or "")).split())


__all__ = [
    "Linker",
    "html_to_plain_text",
    "markdown_to_plain_text",
    "render_markdown",
    "sanitize_html",
]
