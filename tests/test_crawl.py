"""Crawl the seeded demo site as visitors would: no page answers 5xx, nothing private leaks.

The demo is seeded once for this module inside a transaction that is rolled back at the end,
so other test modules still start from an empty database. Each crawl follows internal links
breadth-first from a few entry points, within a fixed URL budget so the suite stays quick.
"""

import html
import re
from collections import deque
from io import StringIO
from urllib.parse import parse_qs, quote, urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings

URL_BUDGET = {"anonymous": 120, "partner": 70, "reviewer": 50, "student": 60}

ENTRY_POINTS = [
    "/",
    "/sitemap.xml",
    "/feeds/knowledge/rss/",
    "/feeds/knowledge/atom/",
    "/api/v2/knowledge/",
    "/api/v2/events/",
    "/api/v2/partners/",
    "/calendar/network-events.ics",
    "/labs/",
    "/challenges/",
    "/knowledge/",
    "/network/",
    "/dashboard/",
]

LINK = re.compile(r"""(?:href|src|action)\s*=\s*["']([^"'#]+)""")
# Never follow links that change state or lead into the admin, static files or media.
SKIP = re.compile(
    r"^/(admin|django-admin|static|media|documents|accounts)/"
    r"|/(logout|delete|remove|withdraw|leave|revoke)/"
)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The full demo (people, labs, spaces, challenges, knowledge), rolled back afterwards."""
    files = tmp_path_factory.mktemp("crawl-files")
    with (
        override_settings(MEDIA_ROOT=str(files / "media"), PRIVATE_MEDIA_ROOT=str(files / "pr")),
        django_db_blocker.unblock(),
    ):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("seed_demo", stdout=StringIO())
            yield _private_strings()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _private_strings() -> set[str]:
    """Texts that only members, owners or moderators may ever see."""
    from wagtail.models import Page

    from challenges.models import Proposal, ProposalStatus, Review
    from labs.models import Milestone, Post, SpaceFile, Task, Thread

    texts = set()
    texts |= set(Thread.objects.values_list("title", flat=True))
    texts |= {body[:40] for body in Post.objects.values_list("body", flat=True)}
    texts |= set(Task.objects.values_list("title", flat=True))
    texts |= set(Milestone.objects.values_list("title", flat=True))
    texts |= set(SpaceFile.objects.values_list("name", flat=True))
    texts |= set(Page.objects.filter(live=False).values_list("title", flat=True))
    texts |= set(
        Proposal.objects.exclude(status=ProposalStatus.SELECTED).values_list("title", flat=True)
    )
    texts |= {c for c in Review.objects.values_list("comments", flat=True) if c}
    texts = {text.strip() for text in texts if len(text.strip()) > 8}
    assert len(texts) > 15, "the demo should give plenty of private texts to look for"
    return texts


def _client_for(username: str | None) -> Client:
    from django.contrib.auth import get_user_model

    client = Client()
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    return client


def _crawl(client: Client, budget: int, extra: list[str] = ()) -> dict[str, tuple[int, str]]:
    """BFS over internal links; returns {url: (status, decoded text)} for every fetched URL."""
    queue = deque([*extra, *ENTRY_POINTS])
    fetched: dict[str, tuple[int, str]] = {}
    while queue and len(fetched) < budget:
        url = queue.popleft()
        if url in fetched:
            continue
        response = client.get(url)
        if getattr(response, "streaming", False):
            fetched[url] = (response.status_code, "")
            continue
        text = html.unescape(response.content.decode("utf-8", "replace"))
        fetched[url] = (response.status_code, text)
        location = response.headers.get("Location", "")
        links = [location] if response.status_code in (301, 302) else LINK.findall(text)
        for link in links:
            parts = urlsplit(urljoin(url, link))
            if parts.netloc and parts.netloc not in ("testserver", "localhost"):
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if path.startswith("/") and not SKIP.search(parts.path) and path not in fetched:
                queue.append(path)
    return fetched


def _first_space_url() -> str:
    from labs.models import ProjectSpace

    return f"/spaces/{ProjectSpace.objects.order_by('pk').first().pk}/"


def _server_errors(fetched):
    return [(url, status) for url, (status, _text) in fetched.items() if status >= 500]


def _leaks(fetched, private: set[str]):
    found = []
    for url, (_status, text) in fetched.items():
        query = parse_qs(urlsplit(url).query).get("q", [""])[0]
        if query:  # the search page echoes the query back; that is not a leak
            text = text.replace(query, "")
        found += [(url, secret) for secret in private if secret in text]
    return found


def _probes(private: set[str]) -> list[str]:
    """Search, autocomplete and API look-ups for a few private texts, by their first words."""
    urls = []
    for secret in sorted(private)[:6]:
        words = " ".join(secret.split()[:2])
        urls += [
            f"/search/?q={quote(words)}",
            f"/search/autocomplete/?q={quote(words[:5])}",
            f"/api/v2/knowledge/?search={quote(words)}",
        ]
    return urls


@pytest.mark.django_db
def test_anonymous_visitor_gets_no_server_error_and_sees_nothing_private(demo):
    fetched = _crawl(_client_for(None), URL_BUDGET["anonymous"], _probes(demo))
    assert len(fetched) >= 60
    assert _server_errors(fetched) == []
    assert _leaks(fetched, demo) == []


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["partner", "reviewer"])
def test_signed_in_non_member_sees_nothing_from_the_project_spaces(demo, username):
    # Neither is a member of any demo space. The reviewer may read the proposals they were
    # invited to score; the partner may read the draft case study they submitted.
    from wagtail.models import Page

    from challenges.models import Proposal, Review

    private = set(demo) - set(
        Page.objects.filter(live=False, owner__username=username).values_list("title", flat=True)
    )
    if username == "reviewer":
        private -= set(Proposal.objects.values_list("title", flat=True))
        private -= set(Review.objects.values_list("comments", flat=True))
    space = _first_space_url()
    fetched = _crawl(_client_for(username), URL_BUDGET[username], [space, *_probes(demo)])
    assert _server_errors(fetched) == []
    assert _leaks(fetched, private) == []
    assert fetched[space][0] == 404


@pytest.mark.django_db
def test_space_member_crawl_reaches_their_space_without_server_errors(demo):
    space = _first_space_url()  # the student is a member of every demo space
    fetched = _crawl(_client_for("student"), URL_BUDGET["student"], [space, f"{space}threads/"])
    assert _server_errors(fetched) == []
    assert fetched[space][0] == 200
    assert any(url.startswith(f"{space}threads/") for url in fetched)
