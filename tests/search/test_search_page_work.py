"""The search page does its fixed work once (issue 16: it was the slowest uncached page of the
load test): the names of countries, themes and goals are read once per change of the content,
not on every search; each result's type badge is looked up once, not by walking every facet
option for every result; only the facet options shown get a link."""

import re

import pytest

from network.models import Theme
from tests.knowledge.factories import CaseStudyPageFactory, FindingPageFactory
from tests.queries import query_log

pytestmark = pytest.mark.django_db

URL = "/search/?q=pension"


def _publish(count: int):
    for n in range(count):
        CaseStudyPageFactory(
            title=f"Pension reform {n}", countries=["PK", "IN"], themes=["service-delivery"]
        )
    FindingPageFactory(title="Pension brief", countries=["BD"], themes=["digital-government"])


def test_facet_names_are_read_once_per_change_of_the_content(client, home):
    _publish(2)

    log = query_log(client, URL)

    for table in ("core_country", "network_theme", "network_sustainabledevelopmentgoal"):
        assert not any(f'FROM "{table}"' in sql for sql in log), table


def test_a_renamed_theme_shows_at_once(client, home):
    _publish(2)
    assert "Service delivery" in client.get(URL).content.decode()

    theme = Theme.objects.get(slug="service-delivery")
    theme.name = "Public services"
    theme.save()

    html = client.get(URL).content.decode()
    assert "Public services" in html
    assert "Service delivery" not in html


def test_each_result_carries_its_type(client, home):
    _publish(2)

    html = client.get(URL).content.decode()

    badges = re.findall(r'<p class="card__meta"><span class="badge">([^<]+)</span>', html)
    assert sorted(badges) == ["Case study", "Case study", "Finding"]


def test_only_the_options_shown_are_listed(client, home):
    _publish(1)
    for n in range(14):
        CaseStudyPageFactory(title=f"Pension scheme {n}", publication_date=f"{2000 + n}-01-01")

    html = client.get(URL).content.decode()

    years = re.findall(r'href="\?q=pension&amp;year=(\d+)"', html)
    assert len(years) == 12
