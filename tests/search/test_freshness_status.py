"""A challenge's status on the search page is today's status, not the one stored at publish.

The deadline passing, a proposal being selected or an outcome being recorded never re-publishes
the page, so the stored status goes stale; the search page must filter and count the status the
challenges index shows (``challenges.selectors.annotate_status``), on every engine.
"""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from freezegun import freeze_time

from challenges.models import ChallengePage, ChallengeStatus
from search import service
from search.models import SearchFacetValue
from tests.challenges import factories as challenges
from tests.challenges.factories import ChallengePageFactory
from tests.search.factories import PageViewRestrictionFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

_FACET_RE = re.compile(
    r'<h2 class="facet__title">(?P<title>[^<]+)</h2>(?P<body>.*?)</section>', re.S
)
_OPTION_RE = re.compile(
    r'<span class="visually-hidden">[^<]*</span>\s*(?P<label>[^<]+?)\s*'
    r'<span class="facet__count">(?P<count>\d+)</span>'
)


def page_facets(html: str) -> dict[str, dict[str, int]]:
    """Facet title -> {option label: count}, as the visitor reads them on /search/."""
    return {
        m["title"].strip(): {o["label"]: int(o["count"]) for o in _OPTION_RE.finditer(m["body"])}
        for m in _FACET_RE.finditer(html)
    }


def result_titles(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", t).strip()
        for t in re.findall(r'<h2 class="card__title"[^>]*>\s*<a[^>]*>(.*?)</a>', html, re.S)
    ]


def let_deadline_pass(page: ChallengePage) -> None:
    """Move the deadline into the past without publishing, as time passing does."""
    ChallengePage.objects.filter(pk=page.pk).update(
        proposals_close_at=timezone.now() - timedelta(days=1)
    )


@pytest.fixture
def timeline(home, engine_name, search_engine):
    """Two open challenges (one's deadline passes after publishing) and an upcoming one."""
    now = timezone.now()
    lapsed = ChallengePageFactory(title="Pension backlog clearance")
    still_open = ChallengePageFactory(title="Pension grievance desk")
    upcoming = ChallengePageFactory(
        title="Pension digitisation pilot",
        opens=now + timedelta(days=5),
        closes=now + timedelta(days=40),
    )
    stored = dict(
        SearchFacetValue.objects.filter(facet="status").values_list("document_id", "value")
    )
    assert stored[lapsed.pk] == ChallengeStatus.OPEN  # the index still says "open"
    let_deadline_pass(lapsed)
    if search_engine.name != "embedded":
        search_engine.refresh()
    return {"lapsed": lapsed, "open": still_open, "upcoming": upcoming}


def test_counts_use_the_status_today(client, timeline):
    html = client.get("/search/", {"q": "pension"}).content.decode()
    assert page_facets(html)["Challenge status"] == {
        "Open for proposals": 1,
        "Selecting": 1,
        "Opening soon": 1,
    }


def test_status_filter_uses_the_status_today(client, timeline):
    html = client.get("/search/", {"q": "pension", "status": "open"}).content.decode()
    assert result_titles(html) == ["Pension grievance desk"]
    assert "1 result" in html
    html = client.get("/search/", {"q": "pension", "status": "selecting"}).content.decode()
    assert result_titles(html) == ["Pension backlog clearance"]
    # Options within the facet combine with OR.
    html = client.get(
        "/search/", {"q": "pension", "status": ["selecting", "upcoming"]}
    ).content.decode()
    assert sorted(result_titles(html)) == [
        "Pension backlog clearance",
        "Pension digitisation pilot",
    ]


def test_status_without_text_lists_only_challenges(client, timeline, home):
    StandardPageFactory(
        parent=home, title="Pension reform explained", summary="A page, not a challenge."
    )
    html = client.get("/search/", {"status": "selecting"}).content.decode()
    assert result_titles(html) == ["Pension backlog clearance"]
    everything = client.get("/search/", {"q": "pension"}).content.decode()
    assert "Pension reform explained" in result_titles(everything)


def test_status_combines_with_other_facets(client, timeline):
    bangladesh = ChallengePageFactory(title="Pension payments by mobile")
    bangladesh.country = challenges.Country.objects.get(code="BD")
    bangladesh.save_revision().publish()
    let_deadline_pass(bangladesh)
    service_engine = service.read_engines()[0]
    if service_engine.name != "embedded":
        service_engine.refresh()
    html = client.get(
        "/search/", {"q": "pension", "status": "selecting", "country": "BD"}
    ).content.decode()
    assert result_titles(html) == ["Pension payments by mobile"]
    facets = page_facets(html)
    # The search page counts every facet over the filtered results.
    assert facets["Challenge status"] == {"Selecting": 1}
    assert facets["Country"] == {"Bangladesh": 1}
    html = client.get("/search/", {"q": "pension", "country": "PK"}).content.decode()
    assert page_facets(html)["Challenge status"] == {
        "Open for proposals": 1,
        "Selecting": 1,
        "Opening soon": 1,
    }
    # A status on another content type's filter finds nothing rather than everything.
    html = client.get(
        "/search/", {"q": "pension", "status": "selecting", "content_type": "page"}
    ).content.decode()
    assert result_titles(html) == []


def test_index_pages_count_a_selected_status_without_its_own_filter(timeline):
    results = service.facet_search(
        content_types=["challenge"], text="pension", filters={"status": ["selecting"]}
    )
    assert [h.title for h in results.hits] == ["Pension backlog clearance"]
    status = {o.value: (o.count, o.selected) for f in results.facets if f.name == "status"
              for o in f.options}  # fmt: skip
    assert status == {
        "open": (1, False),
        "selecting": (1, True),
        "upcoming": (1, False),
    }


def test_drafts_and_private_challenges_are_never_counted(client, timeline, home):
    draft = ChallengePageFactory(title="Pension draft idea", live=False)
    private = ChallengePageFactory(title="Pension private brief")
    let_deadline_pass(private)
    PageViewRestrictionFactory(page=private)
    # A draft revision of a live page (a new deadline not yet published) changes nothing either.
    lapsed = ChallengePage.objects.get(pk=timeline["lapsed"].pk)
    lapsed.title = "Pension draft retitle"
    lapsed.save_revision()
    service_engine = service.read_engines()[0]
    if service_engine.name != "embedded":
        service_engine.refresh()
    for params in ({"q": "pension"}, {"status": "selecting"}, {"q": "pension private"}):
        html = client.get("/search/", params).content.decode()
        assert "private brief" not in html.lower()
        assert "draft idea" not in html.lower()
    html = client.get("/search/", {"q": "pension"}).content.decode()
    assert page_facets(html)["Challenge status"]["Selecting"] == 1
    assert draft.pk and private.pk
    # Even a stale document cannot bring a private challenge back through the status rule.
    results = service.search(service.normalise_request(filters={"status": ["selecting"]}))
    assert [h.page_id for h in results.hits] == [timeline["lapsed"].pk]


def test_a_deadline_passing_between_two_searches_moves_the_count_without_any_write(
    client, timeline
):
    still_open = timeline["open"]
    html = client.get("/search/", {"q": "pension"}).content.decode()
    assert page_facets(html)["Challenge status"]["Open for proposals"] == 1
    # A minute after its deadline, with nothing written in between.
    with freeze_time(still_open.proposals_close_at + timedelta(minutes=1)):
        html = client.get("/search/", {"q": "pension"}).content.decode()
        # By then the pilot has opened too.
        assert page_facets(html)["Challenge status"] == {"Selecting": 2, "Open for proposals": 1}
        html = client.get("/search/", {"q": "pension", "status": "open"}).content.decode()
        assert result_titles(html) == ["Pension digitisation pilot"]


def test_statuses_are_read_once_until_the_content_or_the_clock_moves_them(client, timeline):
    client.get("/search/", {"q": "pension"})
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/search/", {"q": "pension", "status": "open"}).content.decode()
    assert result_titles(html) == ["Pension grievance desk"]
    assert not [q["sql"] for q in queries if "challenges_challengepage" in q["sql"]]
    # A proposal selected is a write a reader sees: the next search counts it.
    challenges.ProposalFactory(challenge=timeline["open"], status="selected")
    html = client.get("/search/", {"q": "pension"}).content.decode()
    assert page_facets(html)["Challenge status"]["In progress"] == 1
