"""Index filters and facet counts, status derivation, closing soon, uptake, home selectors."""

from datetime import timedelta

import pytest
from django.utils import timezone

from challenges import selectors, services
from challenges.models import AgencyResponse, ChallengeOutcome, ChallengePage, ProposalStatus
from network.models import Theme
from tests.challenges.factories import ChallengePageFactory, ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(home, policymaker, lab_page, gazetteer):
    now = timezone.now()
    service = Theme.objects.get_or_create(
        slug="service-delivery", defaults={"name": "Service delivery"}
    )[0]
    civil = Theme.objects.get_or_create(
        slug="civil-service-reform", defaults={"name": "Civil service reform"}
    )[0]
    soon = ChallengePageFactory(
        owners=[policymaker],
        title="Closing soon",
        closes=now + timedelta(days=3),
        places=[gazetteer("PK-PB-LAHORE")],
    )
    later = ChallengePageFactory(
        owners=[policymaker], title="Open later", closes=now + timedelta(days=60)
    )
    upcoming = ChallengePageFactory(
        owners=[policymaker],
        title="Upcoming",
        opens=now + timedelta(days=5),
        closes=now + timedelta(days=40),
    )
    selecting = ChallengePageFactory(
        owners=[policymaker], title="Selecting", closes=now - timedelta(days=2)
    )
    progress = ChallengePageFactory(
        owners=[policymaker],
        title="In progress",
        closes=now - timedelta(days=30),
        project_end=(now + timedelta(days=90)).date(),
    )
    ProposalFactory(challenge=progress, lab=lab_page, status=ProposalStatus.SELECTED)
    completed = ChallengePageFactory(
        owners=[policymaker],
        title="Done",
        closes=now - timedelta(days=300),
        project_end=(now - timedelta(days=10)).date(),
    )
    ProposalFactory(challenge=completed, lab=lab_page, status=ProposalStatus.SELECTED)
    closed = ChallengePageFactory(
        owners=[policymaker], title="Closed", closes=now - timedelta(days=100)
    )
    ChallengeOutcome.objects.create(challenge=closed, manual_state="closed")
    draft = ChallengePageFactory(owners=[policymaker], title="Draft", live=False)
    for page in (soon, later):
        page.themes.add(service)
        page.save_revision().publish()
    later.themes.add(civil)
    later.save_revision().publish()
    return {
        "soon": soon, "later": later, "upcoming": upcoming, "selecting": selecting,
        "progress": progress, "completed": completed, "closed": closed, "draft": draft,
    }  # fmt: skip


def test_sql_status_matches_python_status(catalogue):
    annotated = {
        p.title: p.computed_status for p in selectors.annotate_status(selectors.public_challenges())
    }
    for page in ChallengePage.objects.live():
        assert annotated[page.title] == page.status, page.title
    assert annotated == {
        "Closing soon": "open", "Open later": "open", "Upcoming": "upcoming", "Selecting": "selecting",
        "In progress": "in_progress", "Done": "completed", "Closed": "closed",
    }  # fmt: skip


def test_drafts_never_listed_or_counted(client, catalogue):
    html = client.get("/challenges/?scope=all").content.decode()
    assert "Draft" not in [
        c.title for c in selectors.challenge_list(filters=selectors.ChallengeFilters(scope="all"))
    ]
    assert ">Draft<" not in html
    assert selectors.uptake_figures()["challenges"] == 7


def test_current_scope_hides_archive_and_archive_is_browsable(client, catalogue):
    current = [c.title for c in selectors.challenge_list(filters=selectors.ChallengeFilters())]
    assert current[:2] == ["Closing soon", "Open later"]  # open first, soonest deadline first
    assert "Done" not in current and "Closed" not in current
    archive = client.get("/challenges/?scope=archive").content.decode()
    assert "Done" in archive and "Closed" in archive and "Open later" not in archive


def test_facets_combine_and_count_only_public(catalogue):
    filters = selectors.ChallengeFilters(theme=("service-delivery",))
    facets = selectors.challenge_facets(filters=filters)
    status = {o.value: o.count for o in facets["status"]}
    assert status == {"open": 2}
    themes = {o.value: (o.count, o.selected) for o in facets["theme"]}
    # Counts within the theme facet ignore the theme filter itself (OR within a facet).
    assert themes == {"service-delivery": (2, True), "civil-service-reform": (1, False)}
    combined = selectors.ChallengeFilters(theme=("service-delivery",), place=("PK-PB",))
    assert [c.title for c in selectors.challenge_list(filters=combined)] == ["Closing soon"]


def test_closing_soon_facet_and_box(client, catalogue):
    filters = selectors.ChallengeFilters(deadline=("closing-soon",))
    assert [c.title for c in selectors.challenge_list(filters=filters)] == ["Closing soon"]
    html = client.get("/challenges/").content.decode()
    assert "Closing soon" in html
    deadline = {
        o.value: o.count
        for o in selectors.challenge_facets(filters=selectors.ChallengeFilters())["deadline"]
    }
    assert deadline["closing-soon"] == 1


def test_bad_filter_values_are_ignored_not_500(client, catalogue):
    response = client.get(
        "/challenges/?status=bogus&sdg=abc&agency=x&deadline=never&page=999&scope=zzz"
    )
    assert response.status_code == 200


def test_uptake_figures_count_pilots_and_policies(client, catalogue, policymaker):
    today = timezone.localdate()
    services.agency_response_record(
        challenge=catalogue["completed"],
        by=policymaker,
        kind="piloted",
        responded_on=today,
        statement="Piloted in Lahore.",
    )
    services.agency_response_record(
        challenge=catalogue["completed"],
        by=policymaker,
        kind="adopted",
        responded_on=today,
        statement="Notified.",
    )
    services.agency_response_record(
        challenge=catalogue["progress"],
        by=policymaker,
        kind="accepted",
        responded_on=today,
        statement="Accepted.",
    )
    figures = selectors.uptake_figures()
    assert (
        figures["piloted"] == 1
        and figures["adopted"] == 1
        and figures["uptake"] == 1
        and figures["responded"] == 2
    )
    assert AgencyResponse.objects.count() == 3
    html = client.get(catalogue["completed"].url).content.decode()
    assert "Government response: Adopted into policy" in html


def test_home_page_selectors(catalogue):
    featured = [c.title for c in selectors.featured_open_challenges(limit=3)]
    assert featured == ["Closing soon", "Open later", "Upcoming"]


def test_challenge_page_shows_timeline_and_criteria(client, catalogue):
    html = client.get(catalogue["soon"].url).content.decode()
    assert 'class="timeline"' in html
    assert "Proposal deadline" in html
    assert "Feasibility" in html and "60%" in html


@pytest.mark.parametrize("value", ["%C2%B2", "9" * 30])
def test_unicode_digits_and_huge_numbers_in_filters_are_ignored_not_500(client, catalogue, value):
    # "²".isdigit() is True but int("²") fails; 30 digits overflow the database integer.
    response = client.get(f"/challenges/?sdg={value}&agency={value}")
    assert response.status_code == 200
    assert "Closing soon" in response.content.decode()
