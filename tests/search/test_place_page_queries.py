"""The place pages run the same number of SQL queries however much is tagged with a place and
however many of its districts hold something."""

import pytest

from tests.challenges.factories import ChallengePageFactory
from tests.knowledge.factories import CaseStudyPageFactory
from tests.labs.factories import LabPageFactory
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

DISTRICTS = ["PK-PB-MULTAN", "PK-PB-KASUR", "PK-PB-SHEIKHUPURA", "PK-PB-NANKANA-SAHIB"]


@pytest.mark.parametrize("url", ["/places/pk/", "/places/pk/punjab/", "/places/pk/punjab/lahore/"])
def test_place_pages_do_not_grow_with_content_or_districts(client, home, gazetteer, url):
    CaseStudyPageFactory(title="First", places=[gazetteer("PK-PB-LAHORE")])
    few = queries_of(client, url)
    for number, code in enumerate(DISTRICTS * 3):
        CaseStudyPageFactory(title=f"Study {number}", places=[gazetteer(code)])
    for number in range(3):
        ChallengePageFactory(title=f"Brief {number}", places=[gazetteer("PK-PB-LAHORE-MODEL-TOWN")])
        LabPageFactory(title=f"Lab {number}", places=[gazetteer("PK-SD-HYDERABAD")])
    assert queries_of(client, url) == few
