"""A reader narrows the knowledge base, then the challenges index, from a province to one of its
districts, with counts that match the results at each step, and opens the district's page."""

import re

import pytest

from core.models import Place
from core.services import places_load
from tests.challenges.factories import ChallengePageFactory
from tests.factories import PersonFactory
from tests.knowledge.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.browser
def test_place_facet_narrows_from_province_to_district(page, live_home):
    places_load(country_codes=["PK"])

    def tagged(title, *codes, **extra):
        places = list(Place.objects.filter(code__in=codes))
        return CaseStudyPageFactory(title=title, places=places, **extra)

    tagged("Lahore e-stamping", "PK-PB-LAHORE")
    tagged("Model Town drainage", "PK-PB-LAHORE-MODEL-TOWN")
    tagged("Multan land records", "PK-PB-MULTAN")
    tagged("Karachi water board", "PK-SD-KARACHI-SOUTH")
    tagged("Draft Lahore plan", "PK-PB-LAHORE", live=False)

    page.goto("/knowledge/")
    facet = page.locator(
        "section.facet", has=page.get_by_role("heading", name="Province, division or district")
    )
    punjab = facet.get_by_role("link", name=re.compile(r"^Punjab 3"))
    sindh = facet.get_by_role("link", name=re.compile(r"^Sindh 1"))
    assert punjab.is_visible() and sindh.is_visible()
    assert facet.get_by_role("link", name=re.compile("Lahore")).count() == 0

    punjab.click()
    page.wait_for_url(re.compile(r"place=PK-PB(?!-)"))
    assert page.locator("#results").inner_text().startswith("3 results")
    lahore = facet.get_by_role("link", name=re.compile(r"^Lahore 2"))
    assert facet.get_by_role("link", name=re.compile(r"^Multan 1")).is_visible()

    lahore.click()
    page.wait_for_url(re.compile(r"place=PK-PB-LAHORE(?!-)"))
    assert "place=PK-PB&" not in page.url and not page.url.endswith("place=PK-PB")
    assert page.locator("#results").inner_text().startswith("2 results")
    results = page.locator("main").inner_text()
    assert "Lahore e-stamping" in results and "Model Town drainage" in results
    assert "Multan land records" not in results and "Draft Lahore plan" not in results
    # Up the hierarchy again, or down to the tehsil.
    assert facet.get_by_role("link", name=re.compile(r"^Punjab 3")).is_visible()
    assert facet.get_by_role("link", name=re.compile(r"^Model Town 1")).is_visible()

    page.goto("/places/pk/punjab/lahore/")
    assert page.get_by_role("heading", level=1).inner_text() == "Lahore"
    assert page.get_by_role("link", name="Model Town drainage").is_visible()
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Punjab").click()
    page.wait_for_url(re.compile(r"/places/pk/punjab/$"))
    assert page.get_by_role("link", name="Multan land records").is_visible()


@pytest.mark.browser
def test_challenge_place_facet_narrows_from_province_to_district(page, live_home):
    places_load(country_codes=["PK"])
    owner = PersonFactory(policymaker=True)

    def brief(title, *codes, **extra):
        places = list(Place.objects.filter(code__in=codes))
        return ChallengePageFactory(title=title, owners=[owner], places=places, **extra)

    brief("Lahore school meals", "PK-PB-LAHORE")
    brief("Model Town drains", "PK-PB-LAHORE-MODEL-TOWN")
    brief("Multan land titles", "PK-PB-MULTAN")
    brief("Karachi bus routes", "PK-SD-KARACHI-SOUTH")
    brief("Draft Lahore brief", "PK-PB-LAHORE", live=False)

    page.goto("/challenges/")
    facet = page.locator("fieldset.facet", has_text="Province, division or district")
    assert facet.get_by_role("link", name=re.compile(r"Sindh 1$")).is_visible()
    assert facet.get_by_role("link", name=re.compile("Lahore")).count() == 0
    facet.get_by_role("link", name=re.compile(r"Punjab 3$")).click()
    page.wait_for_url(re.compile(r"place=PK-PB(?!-)"))
    listed = page.locator("main").inner_text()
    assert "Multan land titles" in listed and "Karachi bus routes" not in listed

    facet.get_by_role("link", name=re.compile(r"Lahore 2$")).click()
    page.wait_for_url(re.compile(r"place=PK-PB-LAHORE(?!-)"))
    assert "place=PK-PB&" not in page.url
    listed = page.locator("main").inner_text()
    assert "Lahore school meals" in listed and "Model Town drains" in listed
    assert "Multan land titles" not in listed and "Draft Lahore brief" not in listed
    assert facet.get_by_role("link", name=re.compile(r"Model Town 1$")).is_visible()
