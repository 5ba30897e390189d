"""Hostile query values on the cohort pages issue 18 added (a cohort, its progress, the
supervision page): a sensible page, never a 500, nothing echoed unescaped; a cohort that does
not exist, or is another lab's, answers 404."""

import pytest
from django.urls import reverse

from tests.hostile import HOSTILE_QUERIES, assert_sensible, with_nul
from tests.labs.cohort_world import CohortWorld

pytestmark = pytest.mark.django_db


@pytest.fixture
def cw(home):
    return CohortWorld()


@pytest.mark.parametrize(
    ("who", "url_name"),
    [
        ("lead", "labs:cohort_detail"),
        ("lead", "labs:cohort_progress"),
        ("supervisor", "labs:cohort_progress"),
        ("supervisor", "labs:supervision"),
    ],
)
def test_cohort_pages_take_hostile_values(client, cw, who, url_name):
    kwargs = (
        {} if url_name == "labs:supervision" else {"lab_id": cw.lab.pk, "cohort_id": cw.cohort.pk}
    )
    client.force_login(getattr(cw, who))
    for name, query in HOSTILE_QUERIES:
        assert_sensible(
            client.get(reverse(url_name, kwargs=kwargs), query),
            allowed=(400,) if with_nul(query) else (200,),
            label=name,
        )


@pytest.mark.parametrize("url_name", ["labs:cohort_detail", "labs:cohort_progress"])
def test_a_cohort_that_is_not_there_is_not_found(client, cw, url_name):
    client.force_login(cw.lead)
    for lab_id, cohort_id in [(cw.lab.pk, 999999), (cw.other_lab.pk, cw.cohort.pk)]:
        url = reverse(url_name, kwargs={"lab_id": lab_id, "cohort_id": cohort_id})
        assert_sensible(client.get(url, {"page": "abc"}), allowed=(404,))
