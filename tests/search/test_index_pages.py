"""The knowledge, challenges and labs index pages count facets through this service, on every
engine: index-page facets (stage, level, partner, place, agency, university, lab_open), a
selected facet counted without its own filter, and the page_ids restriction."""

from datetime import timedelta

import pytest
from django.utils import timezone

from challenges import selectors as challenge_selectors
from core.models import Country
from knowledge.selectors import knowledge_browse
from labs.models import JoinPolicy
from tests.challenges.factories import ChallengePageFactory
from tests.factories import PersonFactory
from tests.knowledge.factories import CaseStudyPageFactory, FindingPageFactory
from tests.labs.factories import LabPageFactory
from tests.network.factories import PartnerPageFactory, level, stage

pytestmark = pytest.mark.django_db


def _counts(results, key):
    facet = next(f for f in results.facets if f.name == key)
    return {option.value: option.count for option in facet.options}


def test_knowledge_facets_on_every_engine(engine_name, home):
    partner = PartnerPageFactory(title="Punjab University")
    CaseStudyPageFactory(
        title="Pilot PK", countries=["PK"], stage=stage("pilot"),
        government_level=level("national"), partners=[partner],
    )  # fmt: skip
    CaseStudyPageFactory(title="Scaled IN", countries=["IN"], stage=stage("scaled"))
    FindingPageFactory(title="Finding PK", countries=["PK"], partners=[partner])

    results = knowledge_browse({"stage": ["pilot"]})
    assert sorted(p.title for p in results.pages) == ["Pilot PK"]
    # The stage facet ignores its own filter: both stages stay offered with their counts.
    assert _counts(results, "stage") == {"pilot": 1, "scaled": 1}
    assert _counts(results, "level") == {"national": 1}
    assert _counts(results, "type") == {"case-study": 1}

    results = knowledge_browse({"partner": [partner.slug], "country": ["PK"]})
    assert sorted(p.title for p in results.pages) == ["Finding PK", "Pilot PK"]
    assert _counts(results, "country") == {"PK": 2}


def test_challenge_facets_and_clock_rules_on_every_engine(engine_name, home, gazetteer):
    now = timezone.now()
    policymaker = PersonFactory(policymaker=True)
    ChallengePageFactory(owners=[policymaker], title="Punjab open", places=[gazetteer("PK-PB")])
    ChallengePageFactory(
        owners=[policymaker],
        title="Sindh closed",
        places=[gazetteer("PK-SD")],
        closes=now - timedelta(days=2),
    )
    open_only = challenge_selectors.ChallengeFilters(status=("open",))
    assert [c.title for c in challenge_selectors.challenge_list(filters=open_only)] == [
        "Punjab open"
    ]
    facets = challenge_selectors.challenge_facets(filters=open_only)
    assert {o.value: o.count for o in facets["place"]} == {"PK-PB": 1}
    assert {o.value: o.count for o in facets["status"]} == {"open": 1, "selecting": 1}
    assert len(facets["agency"]) == 1 and facets["agency"][0].count == 1


def test_lab_directory_on_every_engine(engine_name, client, home):
    LabPageFactory(title="Open Lab", country=Country.objects.get(code="PK"), university_name="PU")
    LabPageFactory(
        title="Invite Lab", country=Country.objects.get(code="BD"), university_name="DU",
        join_policy=JoinPolicy.INVITATION,
    )  # fmt: skip
    html = client.get("/labs/?open=1").content.decode()
    assert "Open Lab" in html and "Invite Lab" not in html
    html = client.get("/labs/?university=DU").content.decode()
    assert "Invite Lab" in html and "Open Lab" not in html
    assert 'value="BD"' in html and 'value="PK"' in html  # every published lab's options
