import datetime

import pytest
from bs4 import BeautifulSoup

from challenges.models import AgencyResponse
from tests.challenges.factories import ChallengePageFactory


def _stat(soup, label):
    term = soup.find("dt", string=label)
    return term.find_next_sibling("dd").get_text(strip=True)


@pytest.mark.django_db
def test_home_page_shows_how_many_challenges_led_to_a_pilot_or_policy(client, home):
    piloted = ChallengePageFactory(title="One-stop service centres")
    adopted = ChallengePageFactory(title="Merit-based recruitment")
    ChallengePageFactory(title="Promotion metrics")
    draft = ChallengePageFactory(title="A draft that is not public", live=False)
    for page, kind in ((piloted, "piloted"), (adopted, "adopted"), (draft, "adopted")):
        AgencyResponse.objects.create(
            challenge=page, kind=kind, responded_on=datetime.date(2026, 6, 1), statement="Done."
        )

    soup = BeautifulSoup(client.get("/").content, "html.parser")

    assert _stat(soup, "Challenges posted") == "3"
    assert _stat(soup, "Government responses recorded") == "2"
    assert _stat(soup, "Led to a pilot") == "1"
    assert _stat(soup, "Adopted into policy") == "1"
