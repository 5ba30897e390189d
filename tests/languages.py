"""How a browser would tell which language, and which direction, a piece of a page is in."""

from bs4 import BeautifulSoup


def language_around(html: str, text: str) -> tuple[str | None, str | None]:
    """The (lang, dir) a browser applies to the first element in <body> whose text has ``text``.

    Both are inherited from the nearest ancestor that sets them, as in HTML, where a <bdi>
    without ``dir`` is ``dir="auto"``.
    """
    soup = BeautifulSoup(html, "html.parser")
    found = soup.body.find(string=lambda string: string and text in string)
    assert found is not None, f"{text!r} is not on the page"
    element = found.parent
    lang = direction = None
    while element is not None and (lang is None or direction is None):
        attributes = getattr(element, "attrs", {}) or {}
        if lang is None and "lang" in attributes:
            lang = attributes["lang"]
        if direction is None and "dir" in attributes:
            direction = attributes["dir"]
        elif direction is None and getattr(element, "name", None) == "bdi":
            direction = "auto"
        element = element.parent
    return lang, direction
