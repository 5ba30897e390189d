"""Reading query parameters people can type or tamper with: one way for every view.

``int()`` is not a parser for request input: ``"²".isdigit()`` is True yet ``int("²")`` raises,
``"٣"`` is a digit to Python but not to a URL, and a 30-digit number overflows the database
integer. Each of these used to answer 500. A value that does not parse is treated as absent.
"""

from __future__ import annotations

import re

# ASCII digits only, and short enough for a 32-bit database integer (max 2,147,483,647).
_ASCII_NUMBER = re.compile(r"[0-9]{1,9}")


def parse_int(raw, *, minimum: int = 0, maximum: int = 999_999_999) -> int | None:
    """``raw`` as an integer within [minimum, maximum], or None when it is anything else."""
    if not isinstance(raw, str):
        return None
    raw = raw.strip()
    if not _ASCII_NUMBER.fullmatch(raw):
        return None
    number = int(raw)
    return number if minimum <= number <= maximum else None


def query_int(params, name: str, *, default: int | None = None, **bounds) -> int | None:
    """The integer query parameter ``name`` (see ``parse_int``), or ``default``."""
    number = parse_int(params.get(name), **bounds)
    return default if number is None else number


def ids_only(values, *, limit: int = 20) -> tuple[str, ...]:
    """The values that are plausible database ids, as strings, at most ``limit`` of them."""
    return tuple(value for value in values if parse_int(value, minimum=1) is not None)[:limit]
