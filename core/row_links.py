"""Links, labels and dates for every row of a list page, each worked out once per kind instead
of once per row.

reverse() walks the URL resolver each time (~0.06 ms); a page of 50 rows with two links each
spent more on reversing than on its queries, and that cost grew with the page.

It only fits URL patterns whose row id is a plain ``<int:...>`` segment: the id is put in the
place where a marker id was reversed, so a pattern that converts or checks the id (a slug, a
custom converter, an id that also appears elsewhere in the path) needs reverse() per row.

A choice's label and a month's name are lazy translations: rendered per row, each is a lookup
through every catalogue (50 rows of tasks spent 3 of their 8 ms of table on two of them).
"""

from collections.abc import Iterable

from django.urls import reverse
from django.utils.dates import MONTHS_3

# An id no row has: reversed once, then each row's id is put where it appears.
_ID_MARKER = 987654321987


def row_links(rows: Iterable, *, attr: str, viewname: str, id_kwarg: str, **kwargs) -> list:
    """Set ``attr`` on each row to ``reverse(viewname, kwargs={**kwargs, id_kwarg: row.pk})``.

    Returns the rows as a list (a page's queryset is read once, here).
    """
    rows = list(rows)
    if not rows:
        return rows
    before, _, after = reverse(viewname, kwargs={**kwargs, id_kwarg: _ID_MARKER}).rpartition(
        str(_ID_MARKER)
    )
    for row in rows:
        setattr(row, attr, f"{before}{row.pk}{after}")
    return rows


def row_labels(rows: Iterable, *, attr: str, field: str, choices) -> list:
    """Set ``attr`` on each row to the label of its ``field`` among ``choices`` (value, label),
    each label translated once; a value outside the choices shows as itself."""
    labels = {value: str(label) for value, label in choices}
    rows = list(rows)
    for row in rows:
        value = getattr(row, field)
        setattr(row, attr, labels.get(value, value))
    return rows


def row_short_dates(rows: Iterable, *, attr: str, field: str) -> list:
    """Set ``attr`` on each row to its ``field`` date as the ``date:"j M Y"`` filter writes it
    ("7 Dec 2026", the month in the active language), or "" without a date."""
    months = {number: str(name).title() for number, name in MONTHS_3.items()}
    rows = list(rows)
    for row in rows:
        day = getattr(row, field)
        setattr(row, attr, f"{day.day} {months[day.month]} {day.year:04d}" if day else "")
    return rows
