import datetime
from types import SimpleNamespace

import pytest
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import translation

from core.row_links import row_labels, row_links, row_short_dates
from labs.models import TaskStatus


def test_row_links_equal_reverse_for_each_row():
    rows = [SimpleNamespace(pk=pk) for pk in (1, 7, 12345)]

    row_links(rows, attr="url", viewname="labs:task_detail", id_kwarg="task_id", space_id=7)

    assert [row.url for row in rows] == [
        reverse("labs:task_detail", kwargs={"space_id": 7, "task_id": pk}) for pk in (1, 7, 12345)
    ]


def test_row_links_of_no_rows_is_empty():
    assert (
        row_links([], attr="url", viewname="labs:task_detail", id_kwarg="task_id", space_id=1) == []
    )


@pytest.mark.parametrize("language", ["en", "ur", "bn", "hi", "ne", "si", "ta"])
def test_row_dates_read_as_the_date_filter_writes_them_in_every_language(language):
    days = [datetime.date(2027, month, month * 2) for month in range(1, 13)]
    days.append(datetime.date(987, 3, 1))  # a year of three digits keeps four, as "Y" does
    rows = [SimpleNamespace(due=day) for day in days] + [SimpleNamespace(due=None)]

    with translation.override(language):
        row_short_dates(rows, attr="due_text", field="due")
        expected = [date_filter(day, "j M Y") for day in days]

    assert [row.due_text for row in rows] == [*expected, ""]


@pytest.mark.parametrize("language", ["en", "ur", "bn"])
def test_row_labels_are_the_choices_labels_in_the_reader_language(language):
    rows = [SimpleNamespace(status=value) for value in TaskStatus.values] + [
        SimpleNamespace(status="retired")
    ]

    with translation.override(language):
        row_labels(rows, attr="status_text", field="status", choices=TaskStatus.choices)
        expected = [str(label) for label in TaskStatus.labels]

    assert [row.status_text for row in rows] == [*expected, "retired"]
