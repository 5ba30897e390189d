"""The knowledge index and the feeds run the same number of SQL queries whatever the amount of
published knowledge: they ask the search service for one page, never for every match."""

import datetime

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings
from django.utils import translation

from tests.factories import home_page
from tests.knowledge.factories import CaseStudyPageFactory, FindingPageFactory
from tests.queries import queries_of, queries_of_first_reader

pytestmark = pytest.mark.django_db

COUNTRIES = ["PK", "IN", "BD", "NP", "LK"]
THEMES = ["service-delivery", "digital-government"]


def _publish(count: int, start: int = 0):
    """Case studies and findings interleaved in every order the index offers (date, title), so
    that every page of results holds both types, as a page of a real knowledge base does."""
    for n in range(start, start + count):
        countries = [COUNTRIES[n % 5], COUNTRIES[(n + 1) % 5], "PK"]
        fields = {
            "title": f"{n:03} item",
            "countries": countries,
            "themes": [THEMES[n % 2]],
            "publication_date": datetime.date(2025, 1, 1) + datetime.timedelta(days=n),
        }
        if n % 4 == 3:
            FindingPageFactory(**fields)
        else:
            CaseStudyPageFactory(**fields, sdgs=[16])


WARM_URLS = [
    "/knowledge/",
    "/knowledge/?q=service",
    "/knowledge/?theme=service-delivery&page=2",
    "/knowledge/?country=PK&sort=title",
    "/knowledge/?sort=oldest&page=2",
    "/feeds/knowledge/rss/",
    "/feeds/knowledge/atom/",
    "/feeds/knowledge/theme/service-delivery/rss/",
    "/feeds/knowledge/country/PK/atom/",
]
COLD_URLS = [
    "/knowledge/",
    "/knowledge/?theme=service-delivery&page=2",
    "/knowledge/?country=PK&sort=title",
    "/knowledge/?language=en&page=3",
]


def _measured(measure, urls) -> dict[str, int]:
    """Each URL measured as its own test would: empty cache, English interface."""
    counts = {}
    for url in urls:
        cache.clear()
        translation.activate(settings.LANGUAGE_CODE)
        counts[url] = measure(Client(), url)
    cache.clear()
    return counts


@pytest.fixture(scope="module")
def query_counts(django_db_setup, django_db_blocker, tmp_path_factory):
    """{"warm" | "cold": ({url: queries} small, {url: queries} large)}, measured once.

    Publishing the items dominated these tests (on PostgreSQL 13 s per URL): the knowledge base
    is grown once, 4 → 40 → 44 → 80 items in the order each test published them, each URL
    measured at the two sizes its test compares, inside a transaction rolled back afterwards.
    """
    media = tmp_path_factory.mktemp("browse-queries")
    with (
        override_settings(
            MEDIA_ROOT=str(media / "media"), PRIVATE_MEDIA_ROOT=str(media / "private")
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        home_page()
        _publish(4)
        warm_small = _measured(queries_of, WARM_URLS)
        _publish(36, start=4)
        cold_small = _measured(queries_of_first_reader, COLD_URLS)
        _publish(4, start=40)
        warm_large = _measured(queries_of, WARM_URLS)
        _publish(36, start=44)
        cold_large = _measured(queries_of_first_reader, COLD_URLS)
        transaction.set_rollback(True)
    translation.activate(settings.LANGUAGE_CODE)
    return {"warm": (warm_small, warm_large), "cold": (cold_small, cold_large)}


@pytest.mark.parametrize("url", WARM_URLS)
def test_queries_do_not_grow_with_the_knowledge_base(query_counts, url):
    small, large = query_counts["warm"]
    assert large[url] == small[url]


@pytest.mark.parametrize("url", COLD_URLS)
def test_the_first_reader_after_a_change_runs_as_many_queries_at_any_size(query_counts, url):
    small, large = query_counts["cold"]
    assert large[url] == small[url]
