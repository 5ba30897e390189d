"""A search result shows a date only where the date means something.

Partners and labs showed the day their page was first published, which tells a visitor
nothing; a case study shows when it was published, an event when it takes place.
"""

import datetime
import re

import pytest
from django.utils import timezone

from network.models import NetworkEventPage, NetworkIndexPage
from tests.knowledge.factories import CaseStudyPageFactory
from tests.labs.factories import LabPageFactory
from tests.network.factories import PartnerPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def results(home, engine_name):
    CaseStudyPageFactory(
        title="Indus water case study", publication_date=datetime.date(2025, 3, 14)
    )
    PartnerPageFactory(title="Indus water partner")
    LabPageFactory(title="Indus water lab")
    event = NetworkEventPage(
        title="Indus water summit",
        slug="indus-water-summit",
        starts_at=timezone.make_aware(datetime.datetime(2027, 2, 9, 10, 0)),
    )
    NetworkIndexPage.objects.get().add_child(instance=event)
    event.save_revision().publish()


def result_meta(client) -> dict[str, str]:
    html = client.get("/search/", {"q": "indus water"}).content.decode()
    items = re.findall(r'<li class="card search-result">(.*?)</li>', html, re.S)
    meta = {}
    for item in items:
        title = re.sub(r"<[^>]+>", "", re.search(r"<h2.*?</h2>", item, re.S).group(0)).strip()
        meta[title] = re.search(r'<p class="card__meta">(.*?)</p>', item, re.S).group(1)
    return meta


def test_partners_and_labs_show_no_date(client, results):
    meta = result_meta(client)

    assert set(meta) == {
        "Indus water case study",
        "Indus water partner",
        "Indus water lab",
        "Indus water summit",
    }
    assert "<time" not in meta["Indus water partner"]
    assert "<time" not in meta["Indus water lab"]
    this_year = str(timezone.now().year)
    assert this_year not in meta["Indus water partner"] + meta["Indus water lab"]


def test_content_shows_its_publication_date_and_events_their_date(client, results):
    meta = result_meta(client)

    assert (
        'Published <time datetime="2025-03-14">14 Mar 2025</time>' in meta["Indus water case study"]
    )
    assert 'Takes place <time datetime="2027-02-09">9 Feb 2027</time>' in meta["Indus water summit"]
