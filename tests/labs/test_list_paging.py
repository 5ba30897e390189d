"""Lab pages, space lists and the manage page do the same work however much they list.

Measured at 30x the demo content, a lab page ran 240 queries (24 at demo size) because it
listed every finding with two country queries per card; the space task and file lists and the
manage page rendered every row. Each list now shows one page of rows, and a page costs the
same number of queries with a few items as with more than a page of them.

Page sizes are made small here so that "more than a page" takes few rows to build.
"""

import pytest

from labs import selectors
from labs.models import LabFinding
from tests.knowledge.factories import finding
from tests.labs.factories import lab_create, person
from tests.queries import queries_for_page


def _lab_findings(lab, count, **fields):
    return [
        LabFinding.objects.create(lab=lab, finding=finding(countries=("PK", "IN"), **fields))
        for _ in range(count)
    ]


@pytest.fixture
def lab(home, monkeypatch):
    monkeypatch.setattr(selectors, "FINDINGS_PER_PAGE", 3)
    return lab_create(lead=person())


@pytest.mark.django_db
def test_lab_page_queries_do_not_grow_with_its_findings(client, lab):
    _lab_findings(lab, 2)
    small = queries_for_page(client, lab.url)
    _lab_findings(lab, 5)
    assert queries_for_page(client, lab.url) == small


@pytest.mark.django_db
def test_lab_page_lists_its_findings_a_page_at_a_time(client, lab):
    import datetime

    for day in range(1, 6):
        _lab_findings(
            lab, 1, title=f"Finding of day {day}", publication_date=datetime.date(2026, 3, day)
        )
    first = client.get(lab.url).content.decode()
    assert "Finding of day 5" in first and "Finding of day 3" in first
    assert "Finding of day 2" not in first
    assert 'rel="next"' in first and "5 findings" in first
    second = client.get(lab.url, {"page": "2"}).content.decode()
    assert "Finding of day 2" in second and "Finding of day 1" in second
    assert "Finding of day 3" not in second
    assert 'rel="prev"' in second


@pytest.mark.django_db
@pytest.mark.parametrize("number", ["99", "0", "two", "²", "-1", "9" * 30])
def test_lab_page_with_a_page_number_that_is_not_one_still_answers(client, lab, number):
    _lab_findings(lab, 4)
    response = client.get(lab.url, {"page": number})
    assert response.status_code == 200
    assert response.content.decode().count('class="card card--link"') >= 1
