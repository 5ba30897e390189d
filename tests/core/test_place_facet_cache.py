"""The place facet reads the gazetteer once per process until the content changes, not on
every request (issue 16): it is reference data, written only by ``load_places`` and the admin.
A reload or an edit shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.facets import place_options
from core.services import places_load

pytestmark = pytest.mark.django_db


def _labels(counts):
    return {option.value: option.label for option in place_options(counts, set())}


def test_a_warm_place_facet_runs_no_query(gazetteer):
    counts = {"PK-PB": 3, "PK-SD": 1}
    assert _labels(counts) == {"PK-PB": "Punjab", "PK-SD": "Sindh"}

    with CaptureQueriesContext(connection) as queries:
        assert _labels(counts) == {"PK-PB": "Punjab", "PK-SD": "Sindh"}
    assert len(queries) == 0


def test_an_edited_place_shows_at_once(gazetteer):
    assert _labels({"PK-SD": 1}) == {"PK-SD": "Sindh"}

    sindh = gazetteer("PK-SD")
    sindh.name = "Sindh province"
    sindh.save()

    assert _labels({"PK-SD": 1}) == {"PK-SD": "Sindh province"}


def test_loading_more_places_shows_them_at_once(db):
    places_load(country_codes=["PK"])
    assert _labels({"PK-SD": 1, "BD-A": 2}) == {"PK-SD": "Sindh"}

    places_load(country_codes=["BD"])  # bulk writes: no model signal

    assert _labels({"PK-SD": 1, "BD-A": 2}) == {"PK-SD": "Sindh", "BD-A": "Barishal"}
