"""SITE_URL drives Wagtail's Site record: migrate and seed_demo sync it, a check reports drift."""

import pytest
from django.core.checks import Error, Warning
from django.core.management import call_command
from wagtail.models import Page, Site

from core.addresses import SiteUrlError, absolute_url, page_full_url, site_origin
from core.checks import site_address_check
from core.services import site_sync_with_setting
from policylab_site.demo import seed_home

ORIGIN = "https://policylab.example.org"


@pytest.fixture
def deployed_at(settings):
    def deploy(url):
        settings.SITE_URL = url
        settings.WAGTAILADMIN_BASE_URL = url
        settings.WAGTAILAPI_BASE_URL = url

    return deploy


@pytest.mark.parametrize(
    ("url", "scheme", "hostname", "port", "root_url"),
    [
        (ORIGIN, "https", "policylab.example.org", 443, ORIGIN),
        ("https://PolicyLab.example.org/", "https", "policylab.example.org", 443, ORIGIN),
        ("http://127.0.0.1:8000", "http", "127.0.0.1", 8000, "http://127.0.0.1:8000"),
        ("http://example.org", "http", "example.org", 80, "http://example.org"),
    ],
)
def test_site_origin_reads_scheme_host_and_port(url, scheme, hostname, port, root_url):
    origin = site_origin(url)
    assert (origin.scheme, origin.hostname, origin.port) == (scheme, hostname, port)
    assert origin.root_url == root_url


@pytest.mark.parametrize(
    "url",
    [
        "policylab.example.org",
        "ftp://policylab.example.org",
        "https://policylab.example.org/commons/",
        "https://policylab.example.org:8443",
        "http://policylab.example.org:443",
        "https://policylab.example.org:99999",
    ],
)
def test_site_origin_refuses_what_wagtail_cannot_hold(url):
    with pytest.raises(SiteUrlError):
        site_origin(url)


def test_absolute_url_joins_paths_under_site_url(deployed_at):
    deployed_at(ORIGIN)
    assert absolute_url("/knowledge/x/") == f"{ORIGIN}/knowledge/x/"
    assert absolute_url("knowledge/x/") == f"{ORIGIN}/knowledge/x/"
    assert absolute_url("https://example.net/a") == "https://example.net/a"


@pytest.mark.django_db
def test_sync_moves_the_default_site_and_wagtail_urls_follow(home, deployed_at):
    assert home.full_url == "http://testserver/"
    deployed_at(ORIGIN)
    site = site_sync_with_setting()
    assert (site.hostname, site.port) == ("policylab.example.org", 443)
    # Wagtail's own address (its cached site root paths were cleared) and ours agree.
    home = Page.objects.get(pk=home.pk)
    assert home.full_url == f"{ORIGIN}/"
    assert page_full_url(home) == f"{ORIGIN}/"


@pytest.mark.django_db
def test_migrate_syncs_the_site(home, deployed_at):
    deployed_at("http://127.0.0.1:8000")
    call_command("migrate", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)


@pytest.mark.django_db
def test_seed_demo_home_keeps_the_site_in_step(home, deployed_at):
    deployed_at(ORIGIN)
    seed_home()
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == ORIGIN
    assert site.root_page_id == home.pk


@pytest.mark.django_db
def test_check_warns_when_the_default_site_disagrees_with_site_url(home, deployed_at):
    assert site_address_check() == []
    deployed_at(ORIGIN)
    (problem,) = site_address_check()
    assert isinstance(problem, Warning)
    assert problem.id == "core.W001"
    assert "http://testserver" in problem.msg and ORIGIN in problem.msg
    site_sync_with_setting()
    assert site_address_check() == []


@pytest.mark.django_db
def test_check_errors_on_an_unusable_site_url_or_a_second_base_url(settings):
    settings.SITE_URL = "https://policylab.example.org:8443"
    (problem,) = site_address_check()
    assert isinstance(problem, Error) and problem.id == "core.E001"
    settings.SITE_URL = "http://testserver"
    settings.WAGTAILADMIN_BASE_URL = "http://localhost"
    (problem,) = site_address_check()
    assert isinstance(problem, Error) and problem.id == "core.E002"
    assert "WAGTAILADMIN_BASE_URL" in problem.msg
