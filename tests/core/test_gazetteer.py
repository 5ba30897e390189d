"""The gazetteer: ISO 3166-2 divisions plus the shipped district lists, loaded idempotently."""

import pytest
from django.core.management import call_command

from core.models import Place, PlaceLevel
from core.services import places_load

pytestmark = pytest.mark.django_db


def test_pakistan_and_bangladesh_load_down_to_district_and_below():
    places_load(country_codes=["PK", "BD"])

    lahore = Place.objects.get(code="PK-PB-LAHORE")
    assert (lahore.name, lahore.level, lahore.parent.code) == ("Lahore", "district", "PK-PB")
    assert lahore.lineage_codes == ["PK-PB", "PK-PB-LAHORE"]
    assert str(lahore) == "Lahore (District, Punjab)"
    model_town = Place.objects.get(code="PK-PB-LAHORE-MODEL-TOWN")
    assert (model_town.level, model_town.depth, model_town.ancestor_names) == (
        PlaceLevel.TEHSIL,
        3,
        "Lahore, Punjab",
    )
    punjab = Place.objects.get(code="PK-PB")
    assert (punjab.level, punjab.depth, punjab.parent) == (PlaceLevel.PROVINCE, 1, None)
    assert Place.objects.filter(path__startswith=f"{punjab.path}/", level="district").count() == 36

    divisions = Place.objects.filter(country__code="BD", level=PlaceLevel.DIVISION)
    assert divisions.count() == 8
    assert Place.objects.filter(country__code="BD", level=PlaceLevel.DISTRICT).count() == 64
    khulna_district = Place.objects.get(code="BD-27")
    assert khulna_district.children.filter(level=PlaceLevel.UPAZILA).count() == 9


def test_every_network_country_gets_its_first_level_divisions_named_per_country():
    places_load()
    levels = dict(Place.objects.filter(depth=1).values_list("country__code", "level").distinct())
    assert set(levels) == {"PK", "IN", "BD", "NP", "LK", "BT", "MV", "AF"}
    assert Place.objects.get(code="IN-GJ").url_path == "in/gujarat"  # ASCII, not "gujart"
    assert Place.objects.get(code="NP-P3").level == PlaceLevel.PROVINCE
    assert Place.objects.get(code="BT-15").level == PlaceLevel.DISTRICT


def test_loading_again_writes_nothing_and_keeps_tags(capsys):
    call_command("load_places")
    first = capsys.readouterr().out
    call_command("load_places")
    again = capsys.readouterr().out
    assert "0 written" not in first
    assert "0 written" in again
    assert Place.objects.filter(code="PK-SD-HYDERABAD").count() == 1
