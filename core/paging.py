"""One page of a list that can grow: the one way views and selectors paginate.

Lists on pages (a lab's findings, a space's tasks, a lab's members) grew with the content, and
so did the page's queries and HTML. A page shows at most ``per_page`` rows, with the shared
controls in ``includes/pagination.html``.

A page number that is not one (text, "²", 0) shows the first page and one past the end shows
the last, so a stale or tampered link never answers 500 or an empty list.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator

from core.languages import published_translations_prefetch


def page_of(items, params, *, per_page: int, param: str = "page") -> Page:
    """The page of ``items`` named by the query parameter ``param`` of ``params``."""
    return Paginator(items, per_page).get_page(params.get(param))


def page_of_page_cards(items, params, *, per_page: int, param: str = "page") -> Page:
    """``page_of`` for a query of Wagtail pages shown as cards: with their locales and the
    translations every card's link to the reader's language needs, read for the whole page in
    one query. Left to each card, one in another language than the reader's looked them up
    alone (two queries a card)."""
    page = page_of(items.select_related("locale"), params, per_page=per_page, param=param)
    published_translations_prefetch(page.object_list)
    return page
