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


def test_every_first_level_division_of_pakistan_and_bangladesh_has_its_districts():
    """Pinned: the districts each first-level division has (pk.csv; ISO 3166-2 for Bangladesh).
    A division pycountry lists with no districts (Gilgit-Baltistan and Azad Jammu and Kashmir
    once had none) or a district lost from a list fails here."""
    import pycountry

    places_load(country_codes=["PK", "BD"])

    def districts_by_division(country):
        return {
            code: Place.objects.get(code=code).children.filter(level=PlaceLevel.DISTRICT).count()
            for code in sorted(s.code for s in pycountry.subdivisions.get(country_code=country))
            if Place.objects.get(code=code).depth == 1
        }

    assert districts_by_division("PK") == {
        "PK-BA": 36, "PK-GB": 14, "PK-IS": 1, "PK-JK": 10, "PK-KP": 35, "PK-PB": 36, "PK-SD": 30,
    }  # fmt: skip
    assert districts_by_division("BD") == {
        "BD-A": 6, "BD-B": 11, "BD-C": 13, "BD-D": 10, "BD-E": 8, "BD-F": 8, "BD-G": 4, "BD-H": 4,
    }  # fmt: skip
    assert Place.objects.filter(country__code="BD", level=PlaceLevel.DISTRICT).count() == 64
    gilgit = Place.objects.get(code="PK-GB-GILGIT")
    assert (gilgit.name, gilgit.lineage_codes) == ("Gilgit", ["PK-GB", "PK-GB-GILGIT"])
    assert Place.objects.get(code="PK-JK-MUZAFFARABAD").parent.name == "Azad Jammu and Kashmir"
