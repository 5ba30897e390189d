"""Hostile query values on the place pages and the search page's place facet: a sensible page,
never a 500, nothing echoed unescaped; a path that names no place answers 404."""

import pytest

from tests.hostile import HOSTILE_QUERIES, SCRIPT, assert_sensible, with_nul
from tests.knowledge.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged(home, gazetteer):
    CaseStudyPageFactory(title="Lahore water", places=[gazetteer("PK-PB-LAHORE")])


@pytest.mark.parametrize(
    "url", ["/places/pk/", "/places/pk/punjab/", "/places/pk/punjab/lahore/", "/search/?q=water"]
)
def test_hostile_values_get_a_sensible_page(client, tagged, url):
    for name, query in HOSTILE_QUERIES:
        response = client.get(url, query)
        assert_sensible(response, allowed=(400,) if with_nul(query) else (200,), label=name)


@pytest.mark.parametrize(
    "path",
    [
        "/places/zz/",
        "/places/pk/nowhere/",
        "/places/pk/punjab/nowhere/",
        f"/places/pk/{SCRIPT}/",
        "/places/pk/" + "x" * 3000 + "/",
        "/places/pk/punjab/lahore/model-town/deeper/still/",
    ],
)
def test_a_path_that_names_no_place_is_not_found(client, tagged, path):
    assert_sensible(client.get(path), allowed=(404,))
