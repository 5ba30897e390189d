"""A page per place: everything public about it and the places in it, breadcrumbs up the
hierarchy and links down, paginated at a constant number of queries."""

import pytest

from tests.challenges.factories import ChallengePageFactory
from tests.knowledge.factories import CaseStudyPageFactory
from tests.labs.factories import LabPageFactory
from tests.queries import queries_of
from tests.search.factories import PageViewRestrictionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged(home, gazetteer):
    def make(factory, title, *codes, **extra):
        return factory(title=title, places=[gazetteer(code) for code in codes], **extra)

    return make


def test_province_page_lists_its_districts_content_and_links_down(client, tagged):
    tagged(CaseStudyPageFactory, "Lahore e-stamping", "PK-PB-LAHORE")
    tagged(ChallengePageFactory, "Model Town drainage", "PK-PB-LAHORE-MODEL-TOWN")
    tagged(LabPageFactory, "Multan policy lab", "PK-PB-MULTAN")
    tagged(CaseStudyPageFactory, "Hyderabad water", "PK-SD-HYDERABAD")
    tagged(CaseStudyPageFactory, "Draft Lahore", "PK-PB-LAHORE", live=False)
    private = tagged(CaseStudyPageFactory, "Private Lahore", "PK-PB-LAHORE")
    PageViewRestrictionFactory(page=private)

    html = client.get("/places/pk/punjab/").content.decode()
    assert "<h1>Punjab</h1>" in html
    for title in ("Lahore e-stamping", "Model Town drainage", "Multan policy lab"):
        assert title in html
    for title in ("Hyderabad water", "Draft Lahore", "Private Lahore"):
        assert title not in html
    assert 'href="/places/pk/punjab/lahore/">Lahore</a>' in html
    assert 'href="/places/pk/punjab/multan/">Multan</a>' in html


def test_district_page_has_breadcrumbs_up_the_hierarchy(client, tagged):
    tagged(ChallengePageFactory, "Model Town drainage", "PK-PB-LAHORE-MODEL-TOWN")
    html = client.get("/places/pk/punjab/lahore/model-town/").content.decode()
    assert '<a href="/places/pk/punjab/"><bdi>Punjab</bdi></a>' in html
    assert '<a href="/places/pk/punjab/lahore/"><bdi>Lahore</bdi></a>' in html
    assert "Model Town drainage" in html


def test_unknown_place_is_not_found(client, gazetteer):
    assert client.get("/places/pk/atlantis/").status_code == 404
    assert client.get("/places/pk/punjab/lahore/<x>/").status_code == 404


def test_place_page_queries_do_not_grow_with_content(client, tagged, settings):
    tagged(CaseStudyPageFactory, "First", "PK-PB-LAHORE")
    few = queries_of(client, "/places/pk/punjab/")
    for number in range(25):
        tagged(CaseStudyPageFactory, f"More {number}", "PK-PB-MULTAN")
    tagged(ChallengePageFactory, "A challenge", "PK-PB-LAHORE")
    many = queries_of(client, "/places/pk/punjab/")
    assert many == few
    assert queries_of(client, "/places/pk/punjab/?page=2") == few


def test_map_drills_down_from_a_country_to_its_divisions_with_counts(client, tagged):
    tagged(CaseStudyPageFactory, "Lahore e-stamping", "PK-PB-LAHORE")
    tagged(ChallengePageFactory, "Punjab-wide", "PK-PB")
    tagged(CaseStudyPageFactory, "Draft Sindh", "PK-SD", live=False)
    network = client.get("/network/").content.decode()
    assert 'href="/places/pk/">Provinces and districts of Pakistan</a>' in network
    assert "do not imply endorsement" in network
    page = client.get("/places/pk/").content.decode()
    assert 'href="/places/pk/punjab/">Punjab</a>' in page
    assert '2<span class="visually-hidden"> items</span>' in page
    assert 'href="/places/pk/sindh/">Sindh</a>' in page
    assert '0<span class="visually-hidden"> items</span>' in page  # the draft is not counted
    assert "do not imply endorsement" in page
    assert client.get("/places/fr/").status_code == 404


def test_case_study_and_challenge_pages_link_to_their_places(client, tagged):
    case = tagged(CaseStudyPageFactory, "Lahore e-stamping", "PK-PB-LAHORE")
    brief = tagged(ChallengePageFactory, "Karachi water", "PK-SD-KARACHI-SOUTH")
    assert 'href="/places/pk/punjab/lahore/">Lahore</a>' in client.get(case.url).content.decode()
    challenge = client.get(brief.url).content.decode()
    assert 'href="/places/pk/sindh/karachi-south/">Karachi South</a>' in challenge


def test_a_districts_count_on_its_province_page_is_what_its_own_page_lists(client, tagged):
    """A case study and its Bengali translation are one item: the province page's count for
    the district used to say 2 (every translation's document) where the district page listed 1."""
    from tests.site.test_page_translations import translate

    study = tagged(CaseStudyPageFactory, "Lahore e-stamping", "PK-PB-LAHORE")
    translate(study, "bn", title="লাহোর ই-স্ট্যাম্পিং")

    province = client.get("/places/pk/punjab/").content.decode()
    district = client.get("/places/pk/punjab/lahore/").content.decode()

    assert "1 item" in district
    link = province.index('href="/places/pk/punjab/lahore/">Lahore</a>')
    count = province[link : link + 200]
    assert '<span class="facet__count">1<span class="visually-hidden"> item</span>' in count
