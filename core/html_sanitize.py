"""HTML sanitising: any HTML, rendered Markdown or imported, reduced to the site's allow-list.

bleach 6.x (with html5lib) does the work behind ``sanitize_html`` and ``clean_imported_html``; what
they guarantee is described in ``core.text``, the one entry point every feature uses, and the
payload corpus in ``tests/core/test_text.py`` guards it.
"""

import html
import re
from collections.abc import Mapping
from contextvars import ContextVar
from functools import partial
from urllib.parse import quote, unquote

import bleach
from bleach import html5lib_shim
from bleach.sanitizer import BleachSanitizerFilter
from django.utils.safestring import SafeString, mark_safe

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


# "@handle": a public handle (letters in any script, digits, . + - _) not inside a word or an
# email address. A trailing full stop ends the sentence, not the handle.
MENTION_PATTERN = re.compile(r"(?<![\w@])@([\w.+-]{2,150})(?![\w+-])")
# Mentions are not linked inside these (a link in a link, or code shown as typed).
_UNLINKED_MENTION_CONTEXTS = frozenset({"a", "code", "pre"})
# The one cleaner is shared; the addresses of one call travel beside it, not through it.
_mention_links: ContextVar[Mapping[str, str] | None] = ContextVar("mention_links", default=None)


def mentioned_handles(text: str) -> set[str]:
    """The lower-cased handles ``text`` mentions as @handle."""
    return {match.rstrip(".").lower() for match in MENTION_PATTERN.findall(text or "")}


class _LinkedMentions(html5lib_shim.Filter):
    """Links each @handle that ``sanitize_html`` was given an address for.

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


def sanitize_html(html: str, *, mention_links: Mapping[str, str] | None = None) -> SafeString:
    """Reduce arbitrary HTML to the allow-list. Idempotent. ``mention_links`` maps lower-cased
    handles to the address their @mention links to."""
    linking = _mention_links.set(mention_links or None)
    try:
        cleaned = _cleaner.clean(_cap_html_nesting(strip_control_characters(html or "")))
    finally:
        _mention_links.reset(linking)
    return mark_safe(cleaned)  # noqa: S308 - output of the allow-list cleaner


def clean_imported_html(html: str) -> str:
    """Imported real-world HTML as the site stores it (see the module docstring)."""
    return str(sanitize_html(html))
