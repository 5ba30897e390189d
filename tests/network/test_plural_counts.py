"""Counts read as English (and as any language) should: "1 partner institution", "2 partner institutions".

The network page and the home page said "1 partner institutions"; each count now goes through
ngettext ({% blocktranslate count %}) so translators get every plural form.
"""

import re

import pytest

from tests.knowledge.factories import CaseStudyPageFactory
from tests.labs.factories import LabPageFactory
from tests.network.factories import PartnerPageFactory

pytestmark = pytest.mark.django_db


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def one_of_each(home):
    PartnerPageFactory(title="Only partner", country_code="PK")
    CaseStudyPageFactory(title="Only case study", countries=["PK"])
    LabPageFactory(title="Only lab")


def test_the_network_page_counts_one_in_the_singular(client, one_of_each):
    page = text(client.get("/network/").content.decode())

    assert "1 partner institution " in page
    assert "1 country " in page
    assert "1 case study " in page
    assert "1 policy lab " in page


def test_the_network_page_counts_several_in_the_plural(client, one_of_each):
    PartnerPageFactory(title="Second partner", country_code="IN")
    CaseStudyPageFactory(title="Second case study", countries=["IN"])
    LabPageFactory(title="Second lab")

    page = text(client.get("/network/").content.decode())

    assert "2 partner institutions" in page
    assert "2 countries" in page
    assert "2 case studies" in page
    assert "2 policy labs" in page


def test_the_home_page_labels_its_numbers_in_the_singular_and_plural(client, one_of_each):
    page = text(client.get("/").content.decode())
    assert "Partner institution 1 " in page
    assert "Policy lab 1 " in page

    PartnerPageFactory(title="Second partner", country_code="IN")
    page = text(client.get("/").content.decode())
    assert "Partner institutions 2 " in page
