"""End-to-end fixtures: Debian's chromium driven by Playwright against pytest-django's live_server.

Fixtures for any browser test:
- ``browser``: one headless chromium for the browser tests (skips when /usr/bin/chromium is
  missing). Package-scoped: Playwright's event loop, and DJANGO_ALLOW_ASYNC_UNSAFE with it,
  ends with the last browser test instead of leaking into the tests pytest-django runs after.
- ``page``: a fresh browser context and page per test, its base URL set to the live server, so
  ``page.goto("/accounts/signup/")`` works; a screenshot lands in test-artifacts/ on failure.
- ``live_home``: the home page and section pages, with the Wagtail Site pointing at the live server.
- ``login``: a fixture returning ``log_in(page, live_server, email, password)``, which logs in
  through the real allauth form (import ``log_in`` from here if a fixture does not fit).
- ``log_in_as(page, live_server, person)`` switches to a factory-made account;
  ``wait_for_mail(mailoutbox, to, subject_part)`` waits for the worker to send an email.

The live server runs in a thread of this process, so the test reads mail from
``django.core.mail.outbox`` (the ``mailoutbox`` fixture) like any other test. Background tasks
go through the production database queue and its worker (``tests/browser/task_worker.py``),
so the stories that send email test the worker end to end.
"""

import os
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts"
DEFAULT_TIMEOUT_MS = 15_000


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item so ``page`` can tell whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="package")
def browser(django_db_setup):
    if not CHROMIUM.exists():
        pytest.skip(
            f"Browser tests need Debian chromium at {CHROMIUM}: "
            "run `make test` as root (it installs chromium with apt) or `apt-get install chromium`."
        )
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

    # Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
    # ORM calls made in this thread (seeding data, checking results, flushing the database).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    snapshots = _serialized_database_snapshots()
    with sync_api.sync_playwright() as playwright:
        _hand_snapshots_to_this_context(snapshots)
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
        # Close the connections opened in Playwright's context; left open they would keep
        # PostgreSQL from dropping the test database at the end of the run.
        from django.db import connections

        connections.close_all()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _serialized_database_snapshots() -> dict[str, str]:
    from django.db import connections

    return {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }


def _hand_snapshots_to_this_context(snapshots: dict[str, str]) -> None:
    """Give the connections Django uses from now on the snapshot serialized rollback restores.

    Playwright's sync API marks its event loop as running in this thread, and from then on
    Django's connection handler (an asgiref Local) hands this thread a new set of database
    connections. Those lack the snapshot Django took of the migrated database, so without it
    every browser test after the first would start on empty tables (no Wagtail root page,
    no countries).
    """
    from django.db import connections

    for alias, contents in snapshots.items():
        connections[alias]._test_serialized_contents = contents


@pytest.fixture(autouse=True)
def worked_task_queue(settings):
    """Tasks wait in the database queue and django-tasks-db's worker runs them; every email,
    allauth's too, goes through that queue as in production, then to ``mail.outbox``."""
    from policylab_site.settings import base as configured

    settings.TASKS = {"default": {"BACKEND": "tests.browser.task_worker.WorkedDatabaseBackend"}}
    settings.EMAIL_BACKEND = configured.EMAIL_BACKEND


@pytest.fixture
def page(request, browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    browser_page = context.new_page()
    yield browser_page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
        path = ARTIFACTS_DIR / f"{name}.png"
        browser_page.screenshot(path=str(path), full_page=True)
        print(f"Screenshot of the failing page: {path} (URL {browser_page.url})")
    context.close()


@pytest.fixture
def live_home(live_server, django_db_serialized_rollback):
    """The seeded home page, served by the live server.

    Transactional tests empty every table afterwards; serialized rollback restores what the
    migrations created (Wagtail's root page, countries) for the next browser test.
    """
    from wagtail.models import Site

    from tests.factories import home_page

    home = home_page()
    address = urlsplit(live_server.url)
    Site.objects.filter(is_default_site=True).update(
        hostname=address.hostname, port=address.port or 80
    )
    return home


def log_in(page, live_server, email: str, password: str) -> None:
    """Log in through the real login form; fails the test if the form comes back."""
    page.goto(f"{live_server.url}/accounts/login/")
    form = page.locator("form", has=page.locator("input[name='password']")).first
    form.locator("input[name='login']").fill(email)
    form.locator("input[name='password']").fill(password)
    with page.expect_navigation():
        form.locator("button[type='submit'], input[type='submit']").first.click()
    assert "/accounts/login/" not in page.url, f"Login as {email} failed: still on {page.url}"


def log_in_as(page, live_server, person) -> None:
    """Forget whoever was signed in and sign in as ``person`` (a factory-made account)."""
    from tests.factories import DEFAULT_PASSWORD

    page.context.clear_cookies()
    log_in(page, live_server, person.email, DEFAULT_PASSWORD)


def wait_for_mail(mailoutbox, to: str, subject_part: str) -> list:
    """The emails to ``to`` whose subject holds ``subject_part``: they go through the task
    queue's worker, so wait a moment for them; fails naming what was sent instead."""
    for _attempt in range(50):
        found = [m for m in mailoutbox if to in m.to and subject_part in m.subject]
        if found:
            return found
        time.sleep(0.1)
    subjects = [(m.to, m.subject) for m in mailoutbox]
    raise AssertionError(f"No email to {to} about {subject_part!r}; sent: {subjects}")


@pytest.fixture
def login():
    return log_in
