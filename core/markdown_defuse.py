"""The pre-pass that keeps Python-Markdown's work bounded (``defuse_markdown``).

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
    return defuse_with_placeholders(text, plain_blocks={}, nonce="")


def _element_estimate(line: str) -> int:
    """About how many elements a line becomes: itself, its links/tags/cells (bare URLs
    become links too), its emphasis."""
    if not line.strip():
        return 0
    paired = line.count("*") + line.count("_") + line.count("`")
    links = line.count("[") + line.count("://") + line.count("www.")
    return 1 + links + line.count("<") + line.count("|") + paired // 2


def defuse_with_placeholders(text: str, *, plain_blocks: dict[str, str], nonce: str) -> str:
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
