"""The privacy walk: every role crawls the seeded site; nothing errors and nothing private leaks.

The demo is seeded once for this module inside a transaction that is rolled back at the end,
so other test modules still start from an empty database. Then a unique marker word
(``zqm0001``, ``zqm0002``…) is planted in every private object the demo holds: project spaces
and everything in them, unpublished pages and unpublished edits of live pages, proposals and
reviews, restricted pages, a private profile, restricted documents. Each marker knows who may
read it. Every actor then crawls the whole site breadth-first (every page, every feed, the
sitemap, the API, iCalendar, citations, search and autocomplete for each marker), and no
response may carry a marker the actor may not read, or answer 5xx. (Pages that read nothing
of the person asking, the gazetteer's places and the citations and print versions of the
knowledge base, are all walked anonymously; signed-in walks take a few of each kind.) Private files must answer
404 to everyone else, and emails sent while planting go only to people who may read them.

The walk also keeps one page of each type each role saw, and the Nu HTML checker reads them
all in one run: every page type, public and signed in, must be valid HTML.
"""

import html
import itertools
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from io import StringIO
from urllib.parse import urljoin, urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings

from tests.checkers import nu_html_errors, require_vnu
from tests.factories import PersonFactory

ENTRY_POINTS = [
    "/",
    "/sitemap.xml",
    "/robots.txt",
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
    "/network/partners/",
    "/network/events/",
    "/search/?q=governance",
    "/dashboard/",
]

# Links the crawl must not follow: state changes, the admin (walked by its own tests), static
# files. /media/ and /documents/ are fetched on purpose, as the private files' own URLs.
SKIP = re.compile(
    r"^/(admin|django-admin|static|accounts|_util)/"
    r"|/(logout|delete|remove|withdraw|leave|revoke|unfollow|follow)/"
    # The other languages' addresses run the same views and checks as the English ones; walking
    # all seven would multiply the crawl by seven. tests/site/test_page_translations.py holds
    # what differs by language (translations, fallbacks, Also in, hreflang) to the same rules.
    r"|^/(ur|bn|hi|ne|si|ta)/"
)
# href/src/action attributes, not data-action="w-dialog#hide" and the like.
LINK = re.compile(r"""(?<![\w-])(?:href|src|action)\s*=\s*["']([^"'#]+)""")
# A crawl that reaches this many URLs is following a link that builds on itself.
MAX_URLS = 2500
# Facet links multiply: a few query variants of each path reach every template branch.
QUERY_VARIANTS_PER_PATH = 4
# Pages whose views read nothing of the person asking: the gazetteer's place pages (about 400,
# half of every walk; they list only what the public search index holds), and the citation
# downloads and print version of each case study and finding (whose own page every walk
# fetches). The anonymous walk fetches every one of them; a signed-in walk fetches the first
# few of each kind and depth, enough to show that their header and rules change nothing there.
SAME_FOR_EVERY_READER = re.compile(r"^/(places)/|^/knowledge/.+/(cite/[^/]+|print)/$")
SAME_FOR_EVERY_READER_PER_ROLE = 6
MARKER = re.compile(r"zqm\d{4}")
# What a space URL that does not exist answers: a refused one must answer the same.
MISSING_SPACE_FILE = "/spaces/999999/files/999999/"
# The Nu HTML checker reads every page type of these roles (the public and each kind of
# signed-in person), and of the other roles only the page types these did not reach.
VALIDATED_ACTORS = [None, "student", "lead", "policymaker", "partner", "editor"]
# Account pages the crawl skips (its links log out and change state); checked once each.
ACCOUNT_PAGES = {
    None: ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"],
    "student": ["/accounts/email/", "/accounts/password/change/"],
}

ACTORS = [
    None,  # anonymous
    "outsider",  # signed in, no role anywhere
    "student",
    "student2",
    "faculty",
    "lead",
    "lead-dhaka",
    "policymaker",
    "partner",
    "reviewer",
    "editor",
]
# A second person of a kind the walk already has: their pages differ only in which objects
# they hold, decided by the same ORM queries on both databases. PostgreSQL's run (CI's second)
# walks one person of each kind and leaves these to SQLite's, to keep CI within its time.
SECOND_OF_A_KIND = {"student2", "lead-dhaka"}


@dataclass
class Marker:
    word: str
    what: str
    readers: set[str] = field(default_factory=set)  # usernames who may read it anywhere
    # Signed-in people may read it on these paths only (a login-restricted page's own URL).
    signed_in_paths: frozenset[str] = frozenset()

    def readable_by(self, actor: str | None, path: str) -> bool:
        if actor in self.readers:
            return True
        return actor is not None and path in self.signed_in_paths


@dataclass
class Walk:
    markers: dict[str, Marker]
    private_files: list[tuple[str, set[str]]]  # (url, usernames who may fetch it)
    emails: list


class Planter:
    def __init__(self):
        self.markers: dict[str, Marker] = {}
        self.counter = itertools.count(1)

    def word(self, what: str, readers, signed_in_paths=()) -> str:
        word = f"zqm{next(self.counter):04d}"
        self.markers[word] = Marker(
            word, what, {name for name in readers if name}, frozenset(signed_in_paths)
        )
        return word


def _usernames(users) -> set[str]:
    return {user.username for user in users if user is not None}


def _plant_spaces(planter: Planter) -> None:
    from labs.models import Milestone, Post, PostRevision, ProjectSpace, SpaceFile, Task, Thread

    for space in ProjectSpace.objects.all():
        members = _usernames(m.user for m in space.memberships.select_related("user"))
        space.goal += f" {planter.word(f'goal of space {space.pk}', members)}"
        space.save()
        for thread in Thread.objects.filter(space=space):
            thread.title += f" {planter.word('thread title', members)}"
            thread.save()
        for post in Post.objects.filter(thread__space=space):
            post.body += f" {planter.word('post', members)}"
            post.save()
        for revision in PostRevision.objects.filter(post__thread__space=space):
            revision.body += f" {planter.word('post revision', members)}"
            revision.save()
        for task in Task.objects.filter(space=space):
            task.title += f" {planter.word('task title', members)}"
            task.description += f" {planter.word('task description', members)}"
            task.save()
        for milestone in Milestone.objects.filter(space=space):
            milestone.title += f" {planter.word('milestone', members)}"
            milestone.save()
        for file in SpaceFile.objects.filter(space=space):
            file.name = f"{planter.word('file name', members)} {file.name}"[:255]
            file.save()


def _plant_proposals(planter: Planter) -> None:
    from challenges.models import Proposal, ProposalStatus, Review
    from labs.models import LabMembership

    for proposal in Proposal.objects.select_related("challenge"):
        team = _usernames(
            m.user for m in LabMembership.objects.filter(lab=proposal.lab).select_related("user")
        )
        owners = _usernames(proposal.challenge.owners.all())
        reviewers = _usernames(i.reviewer for i in proposal.challenge.reviewer_invitations.all())
        readers = team | owners | {"editor"}
        if proposal.status != ProposalStatus.DRAFT:
            readers |= reviewers
        if proposal.status != ProposalStatus.SELECTED:  # a selected title is announced publicly
            proposal.title += f" {planter.word('proposal title', readers)}"
        proposal.approach += f" {planter.word('proposal approach', readers)}"
        proposal.save()
    for review in Review.objects.select_related("proposal__challenge", "reviewer"):
        owners = _usernames(review.proposal.challenge.owners.all())
        readers = {review.reviewer.username, "editor"} | owners
        review.comments += f" {planter.word('review comments', readers)}"
        review.save()


def _plant_pages(planter: Planter) -> None:
    """Unpublished pages and unpublished edits of live pages: only owners and moderators."""
    from wagtail.models import Page

    # Aliases (a locale's copy of the home page) mirror their original and take no edits.
    for page in Page.objects.filter(depth__gt=1, alias_of__isnull=True).specific().iterator():
        readers = {"editor"} | _usernames([page.owner])
        owners = getattr(page, "owners", None)
        if owners is not None and hasattr(owners, "all"):
            readers |= _usernames(owners.all())
        submitted_by = getattr(page, "submitted_by", None)
        readers |= _usernames([submitted_by])
        readers |= _clearance_readers(page)
        if page.live:
            draft = page.get_latest_revision_as_object()
            draft.title = f"{page.title} {planter.word(f'draft edit of live {page.pk}', set())}"
            draft.save_revision()
        else:
            page.title += f" {planter.word(f'unpublished page {page.pk}', readers)}"
            page.save_revision()


def _clearance_readers(page) -> set[str]:
    """A finding under a challenge owner's clearance: its space's team and the challenge's
    owners read its draft too (ROLES.md: clearance)."""
    from challenges.models import FindingClearance

    clearance = (
        FindingClearance.objects.filter(finding_id=page.pk)
        .select_related("space", "challenge")
        .first()
    )
    if clearance is None:
        return set()
    team = clearance.space.memberships.all() if clearance.space else []
    return _usernames([m.user for m in team]) | _usernames(clearance.challenge.owners.all())


def _plant_restricted_pages(planter: Planter) -> None:
    from wagtail.models import PageViewRestriction, Site

    from policylab_site.models import StandardPage

    home = Site.objects.get(is_default_site=True).root_page  # other locales have their own home
    for kind in (PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD):
        page = StandardPage(title="Restricted", slug=f"restricted-{kind}")
        home.add_child(instance=page)
        page.save_revision().publish()
        url = page.url
        signed_in = {url} if kind == PageViewRestriction.LOGIN else set()
        page.title = f"Restricted {planter.word(f'{kind} page', set(), signed_in)}"
        page.save_revision().publish()
        PageViewRestriction.objects.create(page=page, restriction_type=kind, password="walk-pass")


def _plant_private_profile(planter: Planter) -> None:
    """A space member who keeps every detail private: co-members see the name only."""
    from core.models import Profile
    from labs.models import ProjectSpace, SpaceMembership

    person = PersonFactory(username="private-member", display_name="Private Member", profile=None)
    Profile.objects.create(
        user=person,
        institution=f"Institute {planter.word('private institution', set())}",
        bio=f"Bio {planter.word('private bio', set())}",
        public_fields=[],
    )
    space = ProjectSpace.objects.order_by("pk").first()
    SpaceMembership.objects.create(space=space, user=person, role="member")


def _plant_reply_with_emails(planter: Planter) -> list:
    """A new post sends emails: they must reach members of the space only."""
    from labs.models import Thread
    from labs.services import post_create

    thread = Thread.objects.order_by("pk").first()
    members = _usernames(m.user for m in thread.space.memberships.select_related("user"))
    author = thread.space.memberships.filter(role="owner").first().user
    mail.outbox = []
    with django_capture_on_commit():
        post_create(thread=thread, author=author, body=f"Reply {planter.word('reply', members)}")
    return list(mail.outbox)


class django_capture_on_commit:  # noqa: N801 - used as a context manager, like the pytest fixture
    """Run on-commit callbacks inside the module's outer transaction, as a real commit would."""

    def __enter__(self):
        from django.db import connection

        self.start = len(connection.run_on_commit)

    def __exit__(self, *exc):
        from django.db import connection

        callbacks = connection.run_on_commit[self.start :]
        del connection.run_on_commit[self.start :]
        if exc[0] is None:
            for _sids, callback, _robust in callbacks:
                callback()


def _private_files() -> list[tuple[str, set[str]]]:
    """Files no outsider may fetch: space files, proposal attachments, restricted documents."""
    from wagtail.documents import get_document_model
    from wagtail.models import CollectionViewRestriction

    from challenges.models import ProposalAttachment
    from labs.models import LabMembership, SpaceFileVersion

    files = []
    for version in SpaceFileVersion.objects.select_related("file__space"):
        members = _usernames(m.user for m in version.file.space.memberships.select_related("user"))
        files.append((version.file.get_absolute_url(), members))
        files.append((f"/media/{version.content.name}", set()))
    for attachment in ProposalAttachment.objects.select_related("proposal__challenge"):
        proposal = attachment.proposal
        team = _usernames(
            m.user for m in LabMembership.objects.filter(lab=proposal.lab).select_related("user")
        )
        readers = team | _usernames(proposal.challenge.owners.all()) | {"editor", "reviewer"}
        files.append((f"/media/{attachment.file.name}", readers))
    restricted = CollectionViewRestriction.objects.values_list("collection_id", flat=True)
    for document in get_document_model().objects.filter(collection_id__in=list(restricted)):
        readers = {"editor"} | _usernames([document.uploaded_by_user])
        files.append((document.url, readers))
        files.append((f"/media/{document.file.name}", set()))
    return files


def _outsider():
    from core.models import Profile

    outsider = PersonFactory(username="outsider", profile=None)
    Profile.objects.create(user=outsider)


@pytest.fixture(scope="module")
def walk(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo with a marker in every private object, rolled back afterwards."""
    files = tmp_path_factory.mktemp("crawl-files")
    with (
        override_settings(
            MEDIA_ROOT=str(files / "media"),
            PRIVATE_MEDIA_ROOT=str(files / "private"),
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        ),
        django_db_blocker.unblock(),
    ):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("seed_demo", stdout=StringIO())
            _outsider()
            planter = Planter()
            _plant_private_profile(planter)  # first: they join a space whose markers follow
            _plant_spaces(planter)
            _plant_proposals(planter)
            _plant_pages(planter)
            _plant_restricted_pages(planter)
            emails = _plant_reply_with_emails(planter)
            call_command("rebuild_search_index", stdout=StringIO())
            assert len(planter.markers) > 60, "the demo should hold plenty of private objects"
            yield Walk(planter.markers, _private_files(), emails)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def page_samples() -> dict:
    """{actor: {page type: (url, html)}}, filled by the crawls of this module."""
    return {}


@pytest.fixture(scope="module")
def markers_seen() -> dict:
    """{actor: {url: (status, marker words in it)}}, filled by the crawls of this module."""
    return {}


def _markers_by_url(fetched) -> dict[str, tuple[int, set[str]]]:
    return {url: (status, set(MARKER.findall(text))) for url, (status, text) in fetched.items()}


def _fullest_space_url() -> str:
    from labs.models import ProjectSpace

    return ProjectSpace.objects.order_by("pk").first().get_absolute_url()


def _client_for(username: str | None) -> Client:
    from django.contrib.auth import get_user_model

    client = Client()
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    return client


def _probes(markers) -> list[str]:
    """Search, autocomplete and API look-ups: one marker of each kind, and every marker prefix."""
    one_of_each_kind = {}
    for word, marker in sorted(markers.items()):
        one_of_each_kind.setdefault(re.sub(r"\d+", "", marker.what), word)
    urls = [f"/search/autocomplete/?q={prefix}" for prefix in ("zqm", "zqm0", "zqm00", "zqm01")]
    for word in one_of_each_kind.values():
        urls += [f"/search/?q={word}", f"/api/v2/knowledge/?search={word}"]
    return urls


def _crawl(
    client: Client, extra=(), samples=None, *, every_page: bool = True
) -> dict[str, tuple[int, str]]:
    """BFS over every internal link; returns {url: (status, decoded text)}.

    ``samples``, when given, receives one HTML page per page type, {page type: (url, html)},
    a page type being the status and the first template the response rendered.
    ``every_page=False`` (signed-in walks) follows only the first few links of each kind of
    SAME_FOR_EVERY_READER, which the anonymous walk fetches in full.
    """
    queue = deque([*ENTRY_POINTS, *extra])
    fetched: dict[str, tuple[int, str]] = {}
    variants: Counter = Counter()
    same_for_every_reader: dict[tuple[str, int], set[str]] = {}
    while queue:
        assert len(fetched) < MAX_URLS, f"the crawl never ends: {list(fetched)[-3:]}"
        url = queue.popleft()
        if url in fetched:
            continue
        response = client.get(url)
        if getattr(response, "streaming", False):
            body = b"".join(response.streaming_content)
        else:
            body = response.content
        text = body.decode("utf-8", "replace")
        if samples is not None and response.get("Content-Type", "").startswith("text/html"):
            _keep_sample(samples, url, response, text)
        text = html.unescape(text)
        fetched[url] = (response.status_code, text)
        location = response.headers.get("Location", "")
        links = [location] if response.status_code in (301, 302) else LINK.findall(text)
        for link in links:
            parts = urlsplit(urljoin(url, html.unescape(link)))
            if parts.netloc and parts.netloc not in ("testserver", "localhost"):
                continue
            if not parts.path.startswith("/") or SKIP.search(parts.path):
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if path in fetched:
                continue
            if not every_page and (same := SAME_FOR_EVERY_READER.search(parts.path)):
                kind = same.group(1) or same.group(2)
                depth = parts.path.count("/")  # a country, a province, a district…
                sampled = same_for_every_reader.setdefault((kind, depth), set())
                if parts.path not in sampled:
                    if len(sampled) >= SAME_FOR_EVERY_READER_PER_ROLE:
                        continue
                    sampled.add(parts.path)
            if parts.query:
                if variants[parts.path] >= QUERY_VARIANTS_PER_PATH:
                    continue
                variants[parts.path] += 1
            queue.append(path)
    return fetched


def _keep_sample(samples: dict, url: str, response, text: str) -> None:
    # Whole documents only: fragments (autocomplete, partial updates) are checked in their page.
    if response.status_code in (301, 302) or text.lstrip()[:15].lower() != "<!doctype html>":
        return
    templates = getattr(response, "templates", None) or []
    page_type = (response.status_code, templates[0].name if templates else urlsplit(url).path)
    samples.setdefault(page_type, (url, text))


def _leaks(actor, fetched, markers) -> list[tuple[str, str, str]]:
    found = []
    for url, (_status, text) in fetched.items():
        path = urlsplit(url).path
        echoed = set(MARKER.findall(urlsplit(url).query))  # a search page repeats its query
        for word in set(MARKER.findall(text)) - echoed:
            marker = markers.get(word)
            if marker and not marker.readable_by(actor, path):
                found.append((url, word, marker.what))
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS, ids=lambda actor: actor or "anonymous")
def test_every_role_crawls_the_whole_site_without_errors_or_private_markers(
    walk, actor, page_samples, markers_seen
):
    if actor in SECOND_OF_A_KIND and connection.vendor == "postgresql":
        pytest.skip("walked on SQLite: a second person of a kind the PostgreSQL run walks")
    client = _client_for(actor)
    refused_files = [url for url, readers in walk.private_files if actor not in readers]
    samples = page_samples.setdefault(actor, {})
    # The fullest space too: its members' walk is the one the space test below reads.
    extra = [_fullest_space_url(), *_probes(walk.markers), *refused_files]
    fetched = _crawl(client, extra, samples=samples, every_page=actor is None)
    markers_seen[actor] = _markers_by_url(fetched)

    assert len(fetched) > 150
    assert [(url, status) for url, (status, _) in fetched.items() if status >= 500] == []
    assert _leaks(actor, fetched, walk.markers) == []
    missing_space_file = client.get(MISSING_SPACE_FILE).status_code
    assert missing_space_file in (302, 404)
    assert [
        (url, status)
        for url in refused_files
        if (status := fetched[url][0])
        != (missing_space_file if url.startswith("/spaces/") else 404)
    ] == []


@pytest.mark.django_db
@pytest.mark.markup
def test_every_page_type_each_role_sees_is_valid_html(walk, page_samples, tmp_path):
    """One page of each type per role, from the crawls above (or crawled here when run alone)."""
    require_vnu()
    pages = {}
    seen_page_types = set()
    others = [actor for actor in ACTORS if actor not in VALIDATED_ACTORS]
    for actor in [*VALIDATED_ACTORS, *others]:
        if actor not in page_samples:
            samples = page_samples.setdefault(actor, {})
            _crawl(_client_for(actor), samples=samples, every_page=actor is None)
        client = _client_for(actor)
        for url in ACCOUNT_PAGES.get(actor, []):
            response = client.get(url)
            assert response.status_code == 200, url
            _keep_sample(page_samples[actor], url, response, response.content.decode())
        for page_type, (url, text) in page_samples[actor].items():
            if actor in VALIDATED_ACTORS or page_type not in seen_page_types:
                pages[f"{url} (as {actor or 'anonymous'})"] = text
            seen_page_types.add(page_type)
    assert len(pages) > 100

    errors = nu_html_errors(pages, tmp_path)

    assert not errors, f"{len(errors)} Nu HTML checker errors:\n" + "\n".join(map(str, errors))


@pytest.mark.django_db
def test_space_members_reach_their_space_and_find_their_own_markers(walk, markers_seen):
    """Read from the student's walk above (or walked here when run alone)."""
    from labs.models import ProjectSpace

    space_url = _fullest_space_url()
    if "student" not in markers_seen:
        fetched = _crawl(_client_for("student"), [space_url], every_page=False)
        markers_seen["student"] = _markers_by_url(fetched)
    walked = markers_seen["student"]

    assert walked[space_url][0] == 200
    seen = {word for _status, words in walked.values() for word in words}
    space = ProjectSpace.objects.order_by("pk").first()
    goal_marker = MARKER.findall(ProjectSpace.objects.get(pk=space.pk).goal)[0]
    assert goal_marker in seen


@pytest.mark.django_db
def test_emails_sent_about_private_work_reach_only_those_who_may_read_it(walk):
    from django.contrib.auth import get_user_model

    usernames = dict(get_user_model().objects.values_list("email", "username"))
    assert walk.emails, "a reply in a space should notify its members"
    for message in walk.emails:
        text = message.subject + message.body + "".join(a[0] for a in message.alternatives)
        for word in set(MARKER.findall(text)):
            for address in message.to + message.cc + message.bcc:
                assert walk.markers[word].readable_by(usernames.get(address), ""), (
                    address,
                    walk.markers[word].what,
                )


@pytest.mark.django_db
def test_public_listings_and_facet_counts_do_not_count_private_objects(walk):
    """Anonymous listings and facet counts are the same with every private object deleted."""
    from django.core.cache import cache
    from wagtail.models import Page

    from challenges.models import Proposal
    from labs.models import ProjectSpace

    client = _client_for(None)
    pages = [
        "/knowledge/",
        "/challenges/?show=all",
        "/labs/",
        "/network/",
        "/search/?q=governance",
        "/api/v2/knowledge/",
    ]
    before = {url: client.get(url).content for url in pages}
    sid = transaction.savepoint()
    try:
        Proposal.objects.filter(project_space__isnull=True).delete()
        for space in ProjectSpace.objects.all():
            space.delete()
        for page in Page.objects.filter(live=False).order_by("-depth").specific():
            page.delete()
        cache.clear()
        after = {url: client.get(url).content for url in pages}
    finally:
        transaction.savepoint_rollback(sid)
        cache.clear()
    assert [url for url in pages if before[url] != after[url]] == []
