"""At 390 px (a common phone) no page scrolls sideways: tables and tab bars scroll inside
themselves, never the whole page.

The demo is seeded, then each actor (anonymous, a student, a lab lead, a policymaker, a partner
representative, an editor) walks the site with Django's test client to find the page types it
can reach; chromium loads each page type once, as the first actor that reached it, and compares
the document's scroll width with its client width.
"""

import html
import re
from collections import Counter, deque
from io import StringIO
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}
# The lab lead first: as a space owner they see every control a space page has.
ACTORS = [None, "lead", "student", "policymaker", "partner", "editor"]
MISSING_PAGE = "/a-page-that-does-not-exist/"
PUBLIC_ENTRY_POINTS = [
    "/",
    "/search/?q=governance",
    "/labs/",
    "/challenges/",
    "/knowledge/",
    "/network/",
    "/network/partners/",
    "/network/events/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    MISSING_PAGE,
]
# Loaded for every actor (the header and the dashboard differ by role); other page types once.
EVERY_ACTOR = {"/", "/dashboard/"}
SIGNED_IN_ENTRY_POINTS = [
    "/dashboard/",
    "/account/",
    "/account/profile/",
    "/accounts/email/",
    "/accounts/password/change/",
]
# Not page types a person reads: state changes, the Wagtail admin (its own design), files.
SKIP = re.compile(
    r"^/(admin|django-admin|static|media|documents|_util|api|feeds|calendar)/"
    r"|^/accounts/(logout|social|3rdparty|confirm-email)/"
    r"|/(logout|delete|remove|withdraw|leave|revoke|unfollow|follow|download)/"
    r"|\.(ics|xml|txt|pdf|bib|ris|json)$"
    # Page types are the same in every language; tests/browser/test_right_to_left.py and
    # test_languages.py load the other languages' pages.
    r"|^/(ur|bn|hi|ne|si|ta)/"
)
# Links only: forms post (their GET pages are entry points or linked).
LINK = re.compile(r"""(?<![\w-])href\s*=\s*["']([^"'#]+)""")
# A link this actor may not follow (a 404, a redirect) lets it try another of the same type.
ATTEMPTS_PER_PAGE_TYPE = 3
LOCAL_HOSTS = {"", "testserver", "localhost", "127.0.0.1"}
# Page types the walk must reach, or the test would pass by seeing too little.
MUST_REACH = {
    ("lead", "lab/<int:lab_id>/manage/"),
    ("lead", "spaces/<int:space_id>/files/"),
    ("lead", "spaces/<int:space_id>/members/"),
}


# A tab bar that scrolls shows the current tab, not just the first few.
CURRENT_TAB_IN_VIEW = """() => [...document.querySelectorAll(".tabs")].every(bar => {
  const current = bar.querySelector("[aria-current]");
  if (!current) return true;
  const barBox = bar.getBoundingClientRect(), tabBox = current.getBoundingClientRect();
  return tabBox.left >= barBox.left - 1 && tabBox.right <= barBox.right + 1;
})"""


def _fullest_space_pages() -> list[str]:
    """The first demo space holds the most files, members and threads: walk it first."""
    from labs.models import ProjectSpace

    space = ProjectSpace.objects.order_by("pk").first()
    base = space.get_absolute_url()
    return [base] + [base + tab for tab in ("files/", "members/", "threads/", "tasks/")]


def _page_classes_by_path() -> dict[str, str]:
    from wagtail.models import Page

    return {page.url: type(page).__name__ for page in Page.objects.live().specific() if page.url}


def _page_type(path: str, page_classes: dict[str, str]) -> str | None:
    """The route a URL answers on; for Wagtail pages, the page class plus any sub-route."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.url_name != "wagtail_serve":
        return match.route
    prefix = max((p for p in page_classes if path.startswith(p)), key=len)
    return f"{page_classes[prefix]} {re.sub(r'[0-9]+', '*', path[len(prefix) :])}"


def _client(username: str | None) -> Client:
    from django.contrib.auth import get_user_model

    client = Client()
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    return client


def _walk(client: Client, entry_points, page_classes) -> dict[str, str]:
    """One URL per page type this client can read: {page type: url}."""
    queue = deque(entry_points)
    found: dict[str, str] = {}
    attempts: Counter = Counter()
    while queue:
        url = queue.popleft()
        if url == MISSING_PAGE:
            kind = "missing page"
        else:
            kind = _page_type(urlsplit(url).path, page_classes)
        if kind is None or kind in found or attempts[kind] >= ATTEMPTS_PER_PAGE_TYPE:
            continue
        attempts[kind] += 1
        response = client.get(url)
        readable = response.status_code == 200 or kind == "missing page"
        if not readable or "text/html" not in response.get("Content-Type", ""):
            continue
        found[kind] = url
        for link in LINK.findall(response.content.decode()):
            parts = urlsplit(urljoin(url, html.unescape(link)))
            if parts.netloc.split(":")[0] not in LOCAL_HOSTS or SKIP.search(parts.path):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


@pytest.fixture
def demo_site(live_server, django_db_serialized_rollback):
    from wagtail.models import Site

    call_command("seed_demo", stdout=StringIO())
    call_command("rebuild_search_index", stdout=StringIO())
    address = urlsplit(live_server.url)
    Site.objects.filter(is_default_site=True).update(hostname=address.hostname, port=address.port)


def test_no_page_type_scrolls_sideways_on_a_phone(browser, live_server, demo_site):
    page_classes = _page_classes_by_path()
    signed_in_entry_points = SIGNED_IN_ENTRY_POINTS + _fullest_space_pages()
    loaded: set[str] = set()
    reached: set[tuple[str | None, str]] = set()
    too_wide = []
    hidden_tabs = []
    for actor in ACTORS:
        client = _client(actor)
        entry_points = PUBLIC_ENTRY_POINTS + (signed_in_entry_points if actor else [])
        found = _walk(client, entry_points, page_classes)
        reached |= {(actor, kind) for kind in found}
        to_load = {
            kind: url for kind, url in found.items() if kind not in loaded or url in EVERY_ACTOR
        }
        context = browser.new_context(base_url=live_server.url, viewport=PHONE)
        if actor:
            context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                        "url": live_server.url,
                    }
                ]
            )
        page = context.new_page()
        for url in to_load.values():
            page.goto(url)
            scroll_width, client_width = page.evaluate(
                "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if scroll_width > client_width:
                too_wide.append((actor or "anonymous", url, scroll_width))
            if not page.evaluate(CURRENT_TAB_IN_VIEW):
                hidden_tabs.append(url)
        context.close()
        loaded |= set(to_load)

    assert reached >= MUST_REACH, MUST_REACH - reached
    assert len(loaded) > 40, sorted(loaded)
    assert hidden_tabs == []
    assert too_wide == [], "\n".join(f"{who} {url}: {width} px" for who, url, width in too_wide)
