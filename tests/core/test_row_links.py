from types import SimpleNamespace

from django.urls import reverse

from core.row_links import row_links


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
