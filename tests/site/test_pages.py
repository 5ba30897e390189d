"""The public pages of the site: navigation, home page, error pages, text direction."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import Client

NAVIGATION = {
    "Labs": "/labs/",
    "Challenges": "/challenges/",
    "Knowledge": "/knowledge/",
    "Network": "/network/",
    "Search": "/search/",
}

pytestmark = pytest.mark.django_db


def main_nav_html(html: str) -> str:
    match = re.search(r'<nav id="site-nav".*?</nav>', html, re.S)
    assert match, "the main navigation is missing"
    return match.group(0)


@pytest.mark.parametrize("path", ["/", "/about/", *NAVIGATION.values()])
def test_every_navigation_page_answers_200_to_anonymous_visitors(client, home, path):
    response = client.get(path)

    assert response.status_code == 200
    nav = main_nav_html(response.content.decode())
    for label, url in NAVIGATION.items():
        assert f'href="{url}"' in nav and f">{label}</a>" in nav


def test_current_section_is_marked_in_the_navigation(client, home):
    nav = main_nav_html(client.get("/labs/").content.decode())

    assert '<a class="site-nav__link" href="/labs/" aria-current="page">Labs</a>' in nav
    assert 'href="/challenges/" aria-current' not in nav


def test_anonymous_visitors_are_offered_log_in_and_join(client, home):
    html = client.get("/").content.decode()

    assert 'href="/accounts/login/"' in html
    assert 'href="/accounts/signup/"' in html
    assert "Log out" not in html


def test_signed_in_people_see_dashboard_and_log_out(client, home, user):
    client.force_login(user)
    html = client.get("/").content.decode()

    assert 'href="/dashboard/"' in html
    assert "Log out" in html
    assert 'href="/accounts/signup/"' not in main_nav_html(html)


def test_skip_link_leads_to_the_main_landmark(client, home):
    html = client.get("/").content.decode()

    assert '<a class="skip-link" href="#main">Skip to main content</a>' in html
    assert '<main id="main"' in html


def test_mobile_menu_toggle_controls_the_navigation(client, home):
    html = client.get("/").content.decode()

    assert 'aria-expanded="false" aria-controls="site-nav"' in html
    assert 'id="site-nav"' in html


def test_home_page_shows_hero_from_its_fields(client, home):
    home.hero_heading = "Governance problems, solved together"
    home.hero_text = "A test hero paragraph written by an editor."
    home.save_revision().publish()

    html = client.get("/").content.decode()

    assert (
        '<h1 class="hero__title" id="hero-title">Governance problems, solved together</h1>' in html
    )
    assert "A test hero paragraph written by an editor." in html


def test_home_page_hero_uses_the_editors_call_to_action(client, home):
    about = home.get_children().get(slug="about")
    home.primary_action_label = "Read about us"
    home.primary_action_page = about
    home.save_revision().publish()

    html = client.get("/").content.decode()

    assert re.search(r'<a class="button[^"]*" href="/about/">Read about us</a>', html)


def test_home_page_hero_falls_back_to_section_links(client, home):
    html = client.get("/").content.decode()

    assert re.search(r'href="/challenges/">See open challenges</a>', html)
    assert re.search(r'href="/labs/">Find a policy lab</a>', html)


def test_home_page_sections_show_empty_states_without_content(client, home, monkeypatch):
    from policylab_site import selectors

    monkeypatch.setattr(selectors, "featured_open_challenges", lambda: [])
    monkeypatch.setattr(selectors, "featured_labs", lambda: [])
    monkeypatch.setattr(selectors, "latest_knowledge", lambda: [])
    monkeypatch.setattr(
        selectors,
        "network_numbers",
        lambda: {"countries": 8, "partners": 0, "labs": 0, "case_studies": 0},
    )

    html = client.get("/").content.decode()

    assert "No open challenges right now" in html
    assert "No labs listed yet" in html
    assert "Nothing published yet" in html
    assert "The network is just getting started" in html
    assert html.count('class="empty-state"') == 3


def test_home_page_lists_section_items_as_cards(client, home, monkeypatch):
    from policylab_site import selectors

    about = home.get_children().get(slug="about").specific
    monkeypatch.setattr(selectors, "featured_labs", lambda: [about])
    monkeypatch.setattr(
        selectors,
        "network_numbers",
        lambda: {"countries": 8, "partners": 12, "labs": 5, "case_studies": 3},
    )

    html = client.get("/").content.decode()

    assert "No labs listed yet" not in html
    assert '<a href="/about/">About Policy Lab Commons</a>' in html
    assert '<dd class="stat__number">12</dd>' in html
    assert "The network is just getting started" not in html


def test_standard_page_renders_summary_and_body(client, home):
    html = client.get("/about/").content.decode()

    assert "<h1>About Policy Lab Commons</h1>" in html
    assert "Smart Civil Service" in html
    assert 'aria-label="Breadcrumb"' in html
    assert '<span aria-current="page" lang="en" dir="ltr">About Policy Lab Commons</span>' in html


def test_missing_page_uses_the_sites_404_template(client, home):
    response = client.get("/this-page-does-not-exist/")

    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    html = response.content.decode()
    assert "We can’t find that page" in html
    assert 'class="skip-link"' in html


@pytest.mark.urls("tests.site.raising_urls")
def test_server_error_renders_the_standalone_500_page(home):
    client = Client(raise_request_exception=False)

    response = client.get("/broken-on-purpose/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "Deliberate failure" not in html


@pytest.mark.urls("tests.site.raising_urls")
def test_permission_denied_renders_the_403_page_with_site_chrome(client, home):
    response = client.get("/forbidden-on-purpose/")

    assert response.status_code == 403
    html = response.content.decode()
    assert "You can’t do that here" in html
    assert 'id="site-nav"' in html


@pytest.mark.urls("tests.site.raising_urls")
def test_bad_request_renders_the_standalone_400_page(client, home):
    response = client.get("/suspicious-on-purpose/")

    assert response.status_code == 400
    assert "We could not understand that request" in response.content.decode()


def test_forged_host_header_gets_a_400_page_not_a_500(home):
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert "We could not understand that request" in response.content.decode()


def test_500_template_needs_no_context_and_no_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")

    assert "Something went wrong on our side" in html
    assert "{%" not in html and "{{" not in html


def test_pages_are_left_to_right_in_english(client, home):
    html = client.get("/").content.decode()

    assert '<html lang="en" dir="ltr"' in html


def test_pages_are_right_to_left_in_an_rtl_language(client, home):
    html = client.get("/about/", HTTP_ACCEPT_LANGUAGE="ur", follow=True).content.decode()

    assert '<html lang="ur" dir="rtl"' in html


def test_messages_are_shown_as_notices_with_their_level():
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message

    html = render_to_string(
        "includes/messages.html",
        {
            "messages": [
                Message(constants.SUCCESS, "Your lab was saved."),
                Message(constants.ERROR, "Please correct the errors below."),
            ]
        },
    )

    assert 'role="status"' in html
    assert re.search(
        r'class="notice notice--success">\s*<span class="visually-hidden">Done:</span>\s*Your lab was saved.',
        html,
    )
    assert re.search(
        r'class="notice notice--danger">\s*<span class="visually-hidden">Error:</span>', html
    )


def test_standard_page_renders_heading_and_call_to_action_blocks(client, home):
    about = home.get_children().get(slug="about").specific
    labs = home.get_children().get(slug="labs")
    about.body = [
        ("heading", "How labs take part"),
        ("paragraph", "<p>Labs apply to join the network.</p>"),
        (
            "call_to_action",
            {
                "heading": "Run a policy lab?",
                "text": "List it so policymakers can find you.",
                "link_page": labs,
                "link_url": "",
                "link_label": "See the labs",
            },
        ),
    ]
    about.save_revision().publish()

    html = client.get("/about/").content.decode()

    assert '<h2 class="prose__heading" id="how-labs-take-part">How labs take part</h2>' in html
    assert "<p>Labs apply to join the network.</p>" in html
    assert '<h2 class="call-to-action__title">Run a policy lab?</h2>' in html
    assert '<a class="button" href="/labs/">See the labs</a>' in html


def test_section_stays_marked_on_pages_below_it(client, home):
    nav = main_nav_html(client.get("/labs/no-such-lab/").content.decode())

    assert '<a class="site-nav__link" href="/labs/" aria-current="true">Labs</a>' in nav
    assert 'aria-current="page"' not in nav


def test_home_page_hero_lists_the_network_countries(client, home):
    from core.models import Country, Region

    south_asia = Country.objects.filter(region=Region.SOUTH_ASIA)

    html = client.get("/").content.decode()

    assert f"One network, {south_asia.count()} countries" in html
    for country in south_asia:
        assert f"<li>{country.name}</li>" in html
