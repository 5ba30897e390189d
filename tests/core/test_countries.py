"""Every ISO 3166-1 country ships; the network's eight South Asian countries stay marked."""

import importlib

import pycountry
import pytest
from django.apps import apps as django_apps
from django.test import Client
from django.urls import reverse

from core.models import Country, Region
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

SOUTH_ASIA = ["AF", "BD", "BT", "IN", "MV", "NP", "PK", "LK"]
ship_every_iso_country = importlib.import_module("core.migrations.0004_ship_every_iso_country")


def test_every_iso_country_exists_and_exactly_the_eight_are_south_asia(db):
    codes = set(Country.objects.values_list("code", flat=True))
    assert {country.alpha_2 for country in pycountry.countries} <= codes
    assert Country.objects.get(code="US").name == "United States"
    assert Country.objects.get(code="AZ").region == Region.WEST_ASIA
    assert Country.objects.get(code="IR").region == Region.WEST_ASIA
    south_asia = Country.objects.filter(region=Region.SOUTH_ASIA)
    assert sorted(south_asia.values_list("code", flat=True)) == sorted(SOUTH_ASIA)


def test_shipping_again_keeps_existing_rows(db):
    pakistan = Country.objects.get(code="PK")
    pakistan.name = "Islamic Republic of Pakistan"
    pakistan.save()
    count = Country.objects.count()
    ship_every_iso_country.ship_countries(django_apps, None)
    assert Country.objects.count() == count
    pakistan.refresh_from_db()
    assert (pakistan.name, pakistan.code) == ("Islamic Republic of Pakistan", "PK")


def test_country_choices_list_the_region_first(db):
    codes = list(Country.objects.region_first().values_list("code", flat=True))
    assert sorted(codes[:8]) == sorted(SOUTH_ASIA)
    assert "US" in codes[8:]


def test_case_study_submission_offers_any_country_with_the_region_first(client: Client, home):
    client.force_login(PersonFactory(partner=True))
    html = client.get(reverse("knowledge:submit")).content.decode()
    assert "United States" in html and "Azerbaijan" in html
    assert html.index("Sri Lanka") < html.index("Azerbaijan")


def test_network_map_still_shows_only_the_region(client: Client, home):
    html = client.get("/network/").content.decode()
    for code in SOUTH_ASIA:
        assert f"/knowledge/?country={code}" in html
    assert "/knowledge/?country=US" not in html
    assert "/knowledge/?country=AZ" not in html


def test_editors_find_a_country_in_the_admin_by_name_or_code(client: Client, db):
    editor = PersonFactory(superuser=True)
    client.force_login(editor)
    url = reverse("wagtailsnippets_core_country:list")

    by_code = client.get(url, {"q": "AZ"})
    by_name = client.get(url, {"q": "Azerb"})

    assert by_code.status_code == 200
    assert "Azerbaijan" in by_code.content.decode()
    assert "Azerbaijan" in by_name.content.decode()
