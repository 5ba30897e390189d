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
``mentioned_handles(text) -> set[str]``
    The lower-cased handles ``text`` mentions, for linking and notifying.
``markdown_to_plain_text(text) -> str``
    Plain text for search indexes, emails and meta descriptions.
``defuse_markdown(text) -> str``
    The pre-pass ``render_markdown`` applies; exposed for tests and benchmarks.

Why a pre-pass: Python-Markdown is super-linear on some inputs (each unmatched ``[``
scans to the end of its paragraph, each heading re-scans the rest of its block, every
inline match rebuilds its paragraph's text, nesting recurses once per level).
``defuse_markdown`` rewrites only those constructs, and only beyond limits that ordinary
writing never reaches, so ordinary text renders exactly as before: unmatched/over-deep
brackets and unclosed tags are escaped, nesting is flattened past ``MAX_NESTING_DEPTH``,
blocks with many headings/rules are split, a paragraph denser than
``MAX_INLINE_WORK_PER_BLOCK`` is shown as typed, and past ``MAX_FORMATTED_ELEMENTS`` the
rest of the text is shown as typed with a notice (bleach costs ~0.15-0.7 ms per element,
so element count, not length, bounds the time). A RecursionError still falls back to
plain text with a notice. ``bench/markdown_worst_case.py`` measures every family.
"""

import html
import re
import secrets
import threading
from collections.abc import Mapping
from contextvars import ContextVar
from functools import partial
from urllib.parse import quote, unquote

import bleach
import markdown
from bleach import html5lib_shim
from bleach.linkifier import Linker
from bleach.sanitizer import BleachSanitizerFilter
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

# Input limits: models and forms refuse longer text; the renderer cuts anything longer with a
# notice. Posts, answers, brief and proposal sections, task descriptions...
MAX_POST_MARKDOWN_LENGTH = 20_000
# ...and the long bodies of case studies and findings (a report chapter is ~60,000).
MAX_DOCUMENT_MARKDOWN_LENGTH = 100_000

# Beyond these, ordinary writing never goes; pathological input is flattened or escaped.
MAX_NESTING_DEPTH = 20  # list / blockquote levels
MAX_BRACKET_DEPTH = 8  # nested [ ] inside one link text
# Characters Python-Markdown may scan looking for "]" / ")" beyond twice the block's length
# (a Python loop: ~1 µs per character) before unmatched brackets get escaped.
BRACKET_SCAN_ALLOWANCE = 20_000
MAX_UNCLOSED_TAGS_PER_BLOCK = 16  # "<a " without a ">" before the next "<"
MAX_SPLITTING_LINES_PER_BLOCK = 16  # headings / rules without a blank line between them
# Python-Markdown rebuilds a paragraph's whole text for every inline match in it, so a
# paragraph costs about (inline markers x length); past this it is shown as typed, unformatted.
MAX_INLINE_WORK_PER_BLOCK = 1_000_000
# bleach and Python-Markdown cost ~0.1-0.5 ms per element (paragraph, item, cell, link...);
# past this many the rest of the text is shown as typed, with a notice.
MAX_FORMATTED_ELEMENTS = 2_000

# html5lib re-checks the open-element stack for each tag, so 3,000 nested <ul><li> took 30 s.
MAX_HTML_DEPTH = 100

USER_CONTENT_ID_PREFIX = "user-content-"

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
        "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody",
        "tr", "th", "td", "del", "sup", "sub",
    }
)  # fmt: skip
# Every allowed element may carry an id (prefixed, so it cannot clobber the page's own ids).
ALLOWED_ATTRIBUTES = {
    **{tag: ["id"] for tag in ALLOWED_TAGS},
    "a": ["href", "title", "rel", "id"],
    "th": ["align", "id"],
    "td": ["align", "id"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "nl2br"]

# Elements whose *contents* are code or fallback junk, never readable text.
DROPPED_ELEMENTS = frozenset(
    {"script", "style", "template", "noscript", "iframe", "noembed", "noframes", "object", "title"}
)
# The page's own title is the only <h1>; a heading written by a user becomes the next level.
RENAMED_ELEMENTS = {"h1": "h2"}

# C0 controls except tab, newline and carriage return, plus DEL, raw or as numeric references.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_REFERENCES = re.compile(
    r"&#(?:0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|127)(?![0-9])"
    r"|[xX]0*(?:[0-8]|[bBcCeEfF]|1[0-9a-fA-F]|7[fF])(?![0-9a-fA-F]));?"
)
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
_URL_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# A script scheme anywhere before the path, even behind junk a browser might skip.
_SCRIPT_SCHEME = re.compile(r"^[^/?#]*?(?:javascript|vbscript|livescript|data):", re.IGNORECASE)
_URL_UNSAFE = re.compile(r"[<>\"'`\s]")
_NOT_ID_CHARACTER = re.compile(r"[^\w.\-]")


# "@handle": a public handle (letters in any script, digits, . + - _) not inside a word or an
# email address. A trailing full stop ends the sentence, not the handle.
MENTION_PATTERN = re.compile(r"(?<![\w@])@([\w.+-]{2,150})(?![\w+-])")
# Mentions are not linked inside these (a link in a link, or code shown as typed).
_UNLINKED_MENTION_CONTEXTS = frozenset({"a", "code", "pre"})
_mention_links: ContextVar[Mapping[str, str] | None] = ContextVar("mention_links", default=None)


def mentioned_handles(text: str) -> set[str]:
    """The lower-cased handles ``text`` mentions as @handle."""
    return {match.rstrip(".").lower() for match in MENTION_PATTERN.findall(text or "")}


def strip_control_characters(text: str) -> str:
    """Remove C0 control characters (not tab/newline/CR) and numeric references to them."""
    return _CONTROL_REFERENCES.sub("", _CONTROL_CHARACTERS.sub("", text))


def _anchor_id(value: str) -> str | None:
    """A user-supplied id in the user-content namespace; the same for an id and a link to it."""
    name = value.strip()
    if name.startswith(USER_CONTENT_ID_PREFIX):
        name = name[len(USER_CONTENT_ID_PREFIX) :]
    name = _NOT_ID_CHARACTER.sub("-", name)
    return f"{USER_CONTENT_ID_PREFIX}{name}" if name else None


def _safe_href(value: str) -> str | None:
    """The href to keep, or None when a browser would read a scheme outside the allow-list."""
    compact = _URL_IGNORED.sub("", html.unescape(value))
    scheme = _URL_SCHEME.match(compact)
    if _SCRIPT_SCHEME.match(compact) or (
        scheme and scheme.group(1).lower() not in ALLOWED_PROTOCOLS
    ):
        return None
    if compact.startswith("#") and len(compact) > 1:
        anchor = _anchor_id(unquote(compact[1:]))
        return f"#{anchor}" if anchor else None
    # Characters a browser percent-encodes anyway; left raw, bleach re-escapes them differently
    # on every pass ('<"' became '&lt;"' then '&amp;lt;"').
    return _URL_UNSAFE.sub(lambda character: quote(character.group()), value)


class _BeforeSanitizing(html5lib_shim.Filter):
    """Drops script-like contents, renames <h1>, and keeps old <a name> anchors as ids."""

    def __iter__(self):
        dropping = 0
        for token in super().__iter__():
            kind = token["type"]
            if dropping:
                if kind == "StartTag":
                    dropping += 1
                elif kind == "EndTag":
                    dropping -= 1
                continue
            name = token.get("name")
            if kind == "StartTag" and name in DROPPED_ELEMENTS:
                dropping = 1
                continue
            if kind == "EmptyTag" and name in DROPPED_ELEMENTS:
                continue
            if name in RENAMED_ELEMENTS and kind in {"StartTag", "EndTag"}:
                token = {**token, "name": RENAMED_ELEMENTS[name]}
            if name == "a" and kind == "StartTag":
                attributes = token["data"]
                if (None, "name") in attributes and (None, "id") not in attributes:
                    attributes[(None, "id")] = attributes[(None, "name")]
            yield token


class _AfterSanitizing(html5lib_shim.Filter):
    """Namespaces ids, rewrites fragment links to match, re-checks every href's scheme
    (bleach lets ``javascript:123`` through as host:port) and removes control characters."""

    def __iter__(self):
        for token in super().__iter__():
            kind = token["type"]
            if kind in {"Characters", "SpaceCharacters"}:
                token["data"] = strip_control_characters(token["data"])
            elif kind in {"StartTag", "EmptyTag"} and token["data"]:
                token["data"] = self._attributes(token["data"])
            yield token

    @staticmethod
    def _attributes(attributes):
        cleaned = {}
        for key, value in attributes.items():
            value = strip_control_characters(value)
            if key == (None, "id"):
                value = _anchor_id(value)
            elif key == (None, "href"):
                value = _safe_href(value)
            if value is not None:
                cleaned[key] = value
        if (None, "href") not in cleaned:
            cleaned.pop((None, "rel"), None)
        return cleaned


class _LinkedMentions(html5lib_shim.Filter):
    """Links each @handle that ``render_markdown`` was given an address for.

    Runs after sanitising: the addresses come from the caller (the site's own URLs), and the
    handle is emitted as a text token, so the serializer escapes it like any other text.
    """

    def __iter__(self):
        links = _mention_links.get()
        if not links:
            yield from super().__iter__()
            return
        unlinked_depth = 0
        for token in super().__iter__():
            kind = token["type"]
            if token.get("name") in _UNLINKED_MENTION_CONTEXTS:
                if kind == "StartTag":
                    unlinked_depth += 1
                elif kind == "EndTag":
                    unlinked_depth = max(unlinked_depth - 1, 0)
            if kind == "Characters" and not unlinked_depth and "@" in token["data"]:
                yield from _mention_tokens(token["data"], links)
            else:
                yield token


def _mention_tokens(text: str, links: Mapping[str, str]):
    position = 0
    for match in MENTION_PATTERN.finditer(text):
        handle = match.group(1).rstrip(".")
        address = links.get(handle.lower())
        href = _safe_href(address) if address else None
        if href is None:
            continue
        end = match.start(1) + len(handle)
        if match.start() > position:
            yield {"type": "Characters", "data": text[position : match.start()]}
        attributes = {(None, "href"): href, (None, "rel"): "nofollow noopener"}
        yield {"type": "StartTag", "name": "a", "data": attributes}
        yield {"type": "Characters", "data": text[match.start() : end]}
        yield {"type": "EndTag", "name": "a"}
        position = end
    if position < len(text):
        yield {"type": "Characters", "data": text[position:]}


class _Cleaner(bleach.Cleaner):
    """bleach's Cleaner with one filter *before* its sanitizer (bleach only offers after).

    bleach's tokenizer strips disallowed tags before any filter sees them, leaving a
    script's code as text; this parser lets the elements whose contents are dropped or
    renamed through as elements so ``_BeforeSanitizing`` can handle them.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.parser = html5lib_shim.BleachHTMLParser(
            tags=self.tags | DROPPED_ELEMENTS | RENAMED_ELEMENTS.keys(),
            strip=self.strip,
            consume_entities=False,
            namespaceHTMLElements=False,
        )

    def clean(self, text: str) -> str:
        if not text:
            return ""
        dom = self.parser.parseFragment(text)
        filtered = BleachSanitizerFilter(
            source=_BeforeSanitizing(self.walker(dom)),
            allowed_tags=self.tags,
            attributes=self.attributes,
            strip_disallowed_tags=self.strip,
            strip_html_comments=self.strip_comments,
            css_sanitizer=self.css_sanitizer,
            allowed_protocols=self.protocols,
        )
        for filter_class in self.filters:
            filtered = filter_class(source=filtered)
        return self.serializer.render(filtered)


# bleach's URL pattern may start a match at every "(" of a run and every label of a dotted
# or hyphenated run, re-scanning the rest each time (5,000 "(" took 5 s). Same pattern, but a
# match may only start where a run starts.
_LINKIFY_URL = re.compile(
    bleach.linkifier.URL_RE.pattern.replace(r"\(*", r"(?<!\()\(*(?<![\w.\-@])", 1),
    bleach.linkifier.URL_RE.flags,
)


def _force_rel(attrs, new=False):
    href_key = (None, "href")
    if href_key in attrs:
        attrs[(None, "rel")] = "nofollow noopener"
    return attrs


_cleaner = _Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[
        partial(
            bleach.linkifier.LinkifyFilter,
            callbacks=[_force_rel],
            skip_tags={"pre", "code"},
            url_re=_LINKIFY_URL,
        ),
        _AfterSanitizing,
        _LinkedMentions,
    ],
)


_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)[^>]*>")
_VOID_ELEMENTS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)
# Opening one of these closes an open one of the same name, unless a list/table/... that
# started after it is still open (<li> after <li> are siblings; <ul><li> nests).
_IMPLIED_END = {
    "li": {"ul", "ol", "menu"},
    "dt": {"dl"},
    "dd": {"dl"},
    "tr": {"table", "thead", "tbody", "tfoot"},
    "td": {"tr", "table"},
    "th": {"tr", "table"},
    "option": {"select", "optgroup", "datalist"},
}
_CLOSES_PARAGRAPH = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt",
        "fieldset", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "ul",
    }
)  # fmt: skip
_PARAGRAPH_SCOPE = {"button", "table", "td", "th", "caption", "object", "template"}


def _close_implied(open_elements: list[str], name: str) -> None:
    for target, boundaries in ((name, _IMPLIED_END.get(name)), ("p", _PARAGRAPH_SCOPE)):
        if boundaries is None or (target == "p" and name not in _CLOSES_PARAGRAPH):
            continue
        for index in range(len(open_elements) - 1, -1, -1):
            if open_elements[index] == target:
                del open_elements[index:]
                break
            if open_elements[index] in boundaries:
                break


def _cap_html_nesting(markup: str) -> str:
    """Remove tags (not their text) that would nest deeper than MAX_HTML_DEPTH."""
    if markup.count("<") <= MAX_HTML_DEPTH:
        return markup
    open_elements: list[str] = []
    removed: dict[str, int] = {}

    def visit(tag: re.Match) -> str:
        name = tag.group(2).lower()
        if name in _VOID_ELEMENTS or tag.group().endswith("/>"):
            return tag.group()
        if tag.group(1):  # end tag
            if removed.get(name):
                removed[name] -= 1
                return ""
            if name in open_elements:
                del open_elements[len(open_elements) - 1 - open_elements[::-1].index(name) :]
            return tag.group()
        _close_implied(open_elements, name)
        if len(open_elements) >= MAX_HTML_DEPTH:
            removed[name] = removed.get(name, 0) + 1
            return ""
        open_elements.append(name)
        return tag.group()

    return _TAG.sub(visit, markup)


def sanitize_html(html: str) -> SafeString:
    """Reduce arbitrary HTML to the allow-list. Idempotent."""
    cleaned = _cleaner.clean(_cap_html_nesting(strip_control_characters(html or "")))
    return mark_safe(cleaned)  # noqa: S308 - output of the allow-list cleaner


def clean_imported_html(html: str) -> str:
    """Imported real-world HTML as the site stores it (see the module docstring)."""
    return str(sanitize_html(html))


# --- Defusing Markdown -------------------------------------------------------------------

_FENCE_OPENING = re.compile(r"^(`{3,}|~{3,})")
_CONTAINER_PREFIX = re.compile(r"^[ \t>]*")
_PREFIX_PART = re.compile(r">|[ \t]+")
# Lines Python-Markdown splits a block at, re-scanning the rest of the block each time.
_SPLITTING_LINE = re.compile(
    r"#{1,6}|[=\-]+[ \t]*$|(?:(?:-[ ]{0,2}){3,}|(?:_[ ]{0,2}){3,}|(?:\*[ ]{0,2}){3,})[ \t]*$"
    r"|\*\[|:[ \t]"
)
_BRACKET = re.compile(r"[\[\]]")
_PARENTHESIS = re.compile(r"[()]")
_INLINE_MARKERS = "[]<>*_`&\\!"
FORMATTING_STOPPED = "formatting-stopped"
# Lines that start a new inline text (list item, table row, heading) inside a block.
_INLINE_UNIT_START = re.compile(r"[ \t>]*(?:[-*+][ \t]|[0-9]+[.)][ \t]|\||#)")
_UNCLOSED_TAG = re.compile(r"<(?=[A-Za-z/!?])[^<>]*(?=<|$)")


def _fenced_lines(lines: list[str]) -> list[bool]:
    """Which lines belong to a fenced code block (Python-Markdown's rule: a fence at column
    0, closed by the same fence); those are shown verbatim and never touched."""
    fenced = [False] * len(lines)
    index = 0
    while index < len(lines):
        opening = _FENCE_OPENING.match(lines[index])
        if opening:
            fence = opening.group(1)
            for closing in range(index + 1, len(lines)):
                if lines[closing].rstrip(" ") == fence:
                    fenced[index : closing + 1] = [True] * (closing + 1 - index)
                    index = closing
                    break
        index += 1
    return fenced


def _cap_nesting(line: str) -> str:
    """Flatten blockquote markers and indentation beyond MAX_NESTING_DEPTH levels."""
    prefix = _CONTAINER_PREFIX.match(line).group()
    max_columns = MAX_NESTING_DEPTH * 4
    if prefix.count(">") <= MAX_NESTING_DEPTH and len(prefix.expandtabs(4)) <= max_columns:
        return line
    parts = _PREFIX_PART.findall(prefix)
    kept = []
    quotes = 0
    columns_left = max_columns
    for position, part in enumerate(parts):
        if part == ">":
            quotes += 1
            if quotes <= MAX_NESTING_DEPTH:
                kept.append(part)
        elif quotes <= MAX_NESTING_DEPTH or position == len(parts) - 1:
            columns = min(len(part.expandtabs(4)), max(columns_left, 1))
            columns_left -= columns
            kept.append(" " * columns)
    capped = "".join(kept)
    return capped + line[len(prefix) :]


def _space_out_splitting_lines(block: list[str]) -> list[str]:
    """In a block with many headings/rules/definitions, end the block after each of them
    (Python-Markdown re-scans the whole rest of the block once per such line)."""
    splitting = [
        _SPLITTING_LINE.match(line[len(_CONTAINER_PREFIX.match(line).group()) :]) is not None
        for line in block
    ]
    if sum(splitting) <= MAX_SPLITTING_LINES_PER_BLOCK:
        return block
    spaced = []
    for line, splits in zip(block, splitting, strict=True):
        spaced.append(line)
        if splits:
            spaced.append(_CONTAINER_PREFIX.match(line).group().replace(" ", "").replace("\t", ""))
    return spaced


def _escaped(text: str, position: int) -> bool:
    backslashes = 0
    while position - backslashes > 0 and text[position - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _defuse_brackets(block: str) -> str:
    """Escape unmatched "[" and "[" nested deeper than MAX_BRACKET_DEPTH when the scanning
    they would cost Python-Markdown (each "[" scans to its "]", or to the end of the block
    when there is none; each "](" scans to its ")") is more than linear."""
    if "[" not in block:
        return block
    opened: list[int] = []
    depth_of: dict[int, int] = {}
    closing_of: dict[int, int] = {}
    for bracket in _BRACKET.finditer(block):
        position, character = bracket.start(), bracket.group()
        if position and block[position - 1] == "\\" and _escaped(block, position):
            continue
        if character == "[":
            depth_of[position] = len(opened) + 1
            opened.append(position)
        elif opened:
            closing_of[opened.pop()] = position
    unmatched_parens = _unmatched_link_parentheses(block, closing_of)
    end = len(block)
    cost = sum(closing_of.get(start, end) - start for start in depth_of)
    cost += sum(end - start for start in unmatched_parens)
    if cost <= 2 * end + BRACKET_SCAN_ALLOWANCE:
        return block
    escape = {start for start, depth in depth_of.items() if start not in closing_of}
    deep = [start for start, depth in depth_of.items() if depth > MAX_BRACKET_DEPTH]
    escape.update(deep)
    escape.update(closing_of[start] for start in deep if start in closing_of)
    escape.update(unmatched_parens)
    return "".join(f"\\{c}" if i in escape else c for i, c in enumerate(block))


def _unmatched_link_parentheses(block: str, closing_of: dict[int, int]) -> list[int]:
    """Positions of "(" right after a link text's "]" that no ")" closes."""
    candidates = {close + 1 for close in closing_of.values() if block.startswith("(", close + 1)}
    if not candidates:
        return []
    opened: list[int] = []
    for parenthesis in _PARENTHESIS.finditer(block, min(candidates)):
        position = parenthesis.start()
        if block[position - 1] == "\\" and _escaped(block, position):
            continue
        if parenthesis.group() == "(":
            opened.append(position)
        elif opened:
            opened.pop()
    unmatched = [position for position in opened if position in candidates]
    return unmatched


def _defuse_unclosed_tags(block: str) -> str:
    """Escape "<tag" runs that never close when a block has many (the raw-HTML scanner
    re-reads the rest of the block for each one)."""
    if block.count("<") <= MAX_UNCLOSED_TAGS_PER_BLOCK:
        return block
    unclosed = _UNCLOSED_TAG.findall(block)
    if len(unclosed) <= MAX_UNCLOSED_TAGS_PER_BLOCK:
        return block
    return _UNCLOSED_TAG.sub(lambda match: "&lt;" + match.group()[1:], block)


def _inline_work(block: list[str]) -> int:
    """Estimated inline-processing work: markers x length, summed over the block's texts."""
    work = length = markers = 0
    for line in block:
        if _INLINE_UNIT_START.match(line):
            work += length * markers
            length = markers = 0
        length += len(line) + 1
        markers += sum(line.count(marker) for marker in _INLINE_MARKERS)
    return work + length * markers


def _defuse_block(block: list[str], plain_blocks: dict[str, str], nonce: str) -> list[str]:
    if _inline_work(block) > MAX_INLINE_WORK_PER_BLOCK:
        placeholder = f"defusedblock{nonce}x{len(plain_blocks)}"
        plain_blocks[placeholder] = html.escape("\n".join(block)).replace("\n", "<br>\n")
        return [placeholder]
    joined = "\n".join(_space_out_splitting_lines(block))
    return [_defuse_unclosed_tags(_defuse_brackets(joined))]


def defuse_markdown(text: str) -> str:
    """Rewrite the constructs that make Python-Markdown super-linear or recurse deeply.

    Ordinary text comes back unchanged; see the module docstring.
    """
    return _defused(text, plain_blocks={}, nonce="")


def _element_estimate(line: str) -> int:
    """About how many elements a line becomes: itself, its links/tags/cells (bare URLs
    become links too), its emphasis."""
    if not line.strip():
        return 0
    paired = line.count("*") + line.count("_") + line.count("`")
    links = line.count("[") + line.count("://") + line.count("www.")
    return 1 + links + line.count("<") + line.count("|") + paired // 2


def _defused(text: str, *, plain_blocks: dict[str, str], nonce: str) -> str:
    """``defuse_markdown``; blocks too dense to format, and everything past
    MAX_FORMATTED_ELEMENTS, become placeholders, their escaped HTML recorded in
    ``plain_blocks`` (under FORMATTING_STOPPED too when the element budget ran out)."""
    lines = text.split("\n")
    fenced = _fenced_lines(lines)
    output: list[str] = []
    block: list[str] = []
    elements = 0
    for number, (line, in_fence) in enumerate(zip(lines, fenced, strict=True)):
        elements += _element_estimate(line)
        if elements > MAX_FORMATTED_ELEMENTS:
            if block:
                output.extend(_defuse_block(block, plain_blocks, nonce))
            rest = "\n".join(lines[number:])
            placeholder = f"defusedblock{nonce}x{len(plain_blocks)}"
            plain_blocks[placeholder] = html.escape(rest).replace("\n", "<br>\n")
            plain_blocks[FORMATTING_STOPPED] = placeholder
            output.extend(["", placeholder])
            return "\n".join(output)
        if in_fence or not line.strip():
            if block:
                output.extend(_defuse_block(block, plain_blocks, nonce))
                block = []
            output.append(line)
        else:
            block.append(_cap_nesting(line))
    if block:
        output.extend(_defuse_block(block, plain_blocks, nonce))
    return "\n".join(output)


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
            _defused(text, plain_blocks=plain_blocks, nonce=secrets.token_hex(8))
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
    linking = _mention_links.set(mention_links or None)
    try:
        html = sanitize_html(rendered)
    finally:
        _mention_links.reset(linking)
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


__all__ = [
    "MAX_DOCUMENT_MARKDOWN_LENGTH",
    "MAX_POST_MARKDOWN_LENGTH",
    "MENTION_PATTERN",
    "Linker",
    "clean_imported_html",
    "defuse_markdown",
    "html_to_plain_text",
    "markdown_to_plain_text",
    "mentioned_handles",
    "render_markdown",
    "sanitize_html",
    "strip_control_characters",
]
