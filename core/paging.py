"""One page of a list that can grow: the one way views and selectors paginate.

Lists on pages (a lab's findings, a space's tasks, a lab's members) grew with the content, and
so did the page's queries and HTML. A page shows at most ``per_page`` rows, with the shared
controls in ``includes/pagination.html``.

A page number that is not one (text, "²", 0) shows the first page and one past the end shows
the last, so a stale or tampered link never answers 500 or an empty list.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator


def page_of(items, params, *, per_page: int, param: str = "page") -> Page:
    """The page of ``items`` named by the query parameter ``param`` of ``params``."""
    return Paginator(items, per_page).get_page(params.get(param))
