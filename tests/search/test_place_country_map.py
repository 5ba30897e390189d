"""The network map's drill-down: /places/<country>/ draws the country with one marker per
first-level division (at a stored representative point: no division boundaries are drawn),
each a link to the division's place page, coloured and numbered by how many public items the
division's own page lists; the same links are a text list; the boundaries note is under it."""

import re

import pytest

from tests.challenges.factories import ChallengePageFactory
from tests.knowledge.factories import CaseStudyPageFactory
from tests.labs.factories import LabPageFactory
from tests.queries import queries_of
from tests.search.factories import PageViewRestrictionFactory

pytestmark = pytest.mark.django_db

NOTE = "Boundaries and names shown do not imply endorsement or acceptance"
PAKISTAN_DIVISIONS = {
    "balochistan": "Balochistan",
    "gilgit-baltistan": "Gilgit-Baltistan",
    "islamabad": "Islamabad",
    "azad-jammu-and-kashmir": "Azad Jammu and Kashmir",
    "khyber-pakhtunkhwa": "Khyber Pakhtunkhwa",
    "punjab": "Punjab",
    "sindh": "Sindh",
}


@pytest.fixture
def tagged(home, gazetteer):
    def make(factory, title, *codes, **extra):
        return factory(title=title, places=[gazetteer(code) for code in codes], **extra)

    return make


def drawing_of(html: str) -> str:
    start = html.index('<svg class="division-map')
    return html[start : html.index("</svg>", start)]


def marker_count(drawing: str, slug: str) -> str:
    """The number drawn in a division's marker."""
    marker = re.search(
        rf'<a tabindex="-1" href="(?:/ur)?/places/pk/{slug}/">(.*?)</a>', drawing, re.S
    )
    assert marker, slug
    return re.search(r"<text[^>]*>(\d+)</text>", marker.group(1)).group(1)


def listed_count(html: str, slug: str) -> str:
    start = html.index('<ul class="map-figure__countries place-divisions"')
    listing = html[start : html.index("</ul>", start)]
    item = re.search(rf'href="/places/pk/{slug}/">[^<]*</a>.*?</li>', listing, re.S)
    assert item, slug
    return re.search(r'class="facet__count">(\d+)<span', item.group(0)).group(1)


def test_country_map_draws_and_lists_every_division_with_links_and_counts(client, tagged):
    tagged(CaseStudyPageFactory, "Lahore e-stamping", "PK-PB-LAHORE")
    tagged(ChallengePageFactory, "Punjab-wide", "PK-PB")
    tagged(LabPageFactory, "Karachi lab", "PK-SD-KARACHI-SOUTH")
    tagged(CaseStudyPageFactory, "Draft Sindh", "PK-SD", live=False)
    private = tagged(CaseStudyPageFactory, "Private Sindh", "PK-SD")
    PageViewRestrictionFactory(page=private)

    html = client.get("/places/pk/").content.decode()
    drawing = drawing_of(html)
    assert '<path d="M' in drawing  # the national outline
    for slug, name in PAKISTAN_DIVISIONS.items():
        assert f'<a tabindex="-1" href="/places/pk/{slug}/">' in drawing
        assert f'href="/places/pk/{slug}/">{name}</a>' in html
        # The map, the list and the division's own page agree; nothing private is counted.
        own_page = client.get(f"/places/pk/{slug}/").content.decode()
        listed = re.search(r'<h2 id="place-items">(\d+) items?</h2>', own_page).group(1)
        assert marker_count(drawing, slug) == listed_count(html, slug) == listed, slug
    assert listed_count(html, "punjab") == "2"
    assert listed_count(html, "sindh") == "1"
    assert listed_count(html, "balochistan") == "0"


def test_every_map_carries_the_boundaries_note_and_names_its_source(client, gazetteer, home):
    for url in ("/places/pk/", "/places/bd/", "/network/"):
        html = client.get(url).content.decode()
        note = html.index(NOTE)
        assert note > html.index("</svg>"), url  # under the map
    country = client.get("/places/pk/").content.decode()
    assert "Countries States Cities Database" in country
    assert "no division boundaries are drawn" in country


def test_the_drawing_is_an_illustration_of_the_list(client, gazetteer, home):
    html = client.get("/places/pk/").content.decode()
    drawing = drawing_of(html)
    assert 'aria-hidden="true"' in drawing[: drawing.index(">")]
    assert drawing.count("<a ") == drawing.count('<a tabindex="-1" ') == 7


def test_network_map_country_shapes_lead_to_the_countrys_division_map(client, home):
    html = client.get("/network/").content.decode()
    drawing = html[html.index("<svg") : html.index("</svg>")]
    for code in ["af", "bd", "bt", "in", "lk", "mv", "np", "pk"]:
        assert f'<a tabindex="-1" href="/places/{code}/">' in drawing


def test_a_country_drawn_only_as_islands_still_gets_its_markers(client, home):
    from core.services import places_load

    places_load(country_codes=["MV"])
    html = client.get("/places/mv/").content.decode()
    drawing = drawing_of(html)
    assert drawing.count('<a tabindex="-1" href="/places/mv/') == 21
    assert NOTE in html


def test_country_map_queries_do_not_grow_with_content(client, tagged):
    tagged(CaseStudyPageFactory, "First", "PK-PB-LAHORE")
    few = queries_of(client, "/places/pk/")
    for number in range(15):
        tagged(CaseStudyPageFactory, f"More {number}", "PK-SD-HYDERABAD", "PK-KP")
    tagged(ChallengePageFactory, "A challenge", "PK-BA")
    assert queries_of(client, "/places/pk/") == few


@pytest.mark.parametrize(
    "url",
    [
        "/places/xx/",
        "/places/fr/",
        "/places/pak/",
        "/places/p/",
        "/places/PK-PB/",
        "/places/pk/xx/",
        "/places/%3Cscript%3E/",
        "/places/pk%00/",
        "/places/../",
    ],
)
def test_hostile_or_unknown_country_codes_are_not_found(client, gazetteer, home, url):
    assert client.get(url).status_code == 404


def test_country_map_reads_right_to_left_in_urdu(client, tagged):
    tagged(CaseStudyPageFactory, "Lahore e-stamping", "PK-PB-LAHORE")
    response = client.get("/places/pk/", HTTP_ACCEPT_LANGUAGE="ur", follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ur" dir="rtl"' in html
    assert "توثیق یا قبولیت ظاہر نہیں کرتے" in html  # the boundaries note, in Urdu
    assert "کسی انتظامی اکائی کی حدود نہیں کھینچی گئیں" in html  # no boundaries drawn
    # The drawing's numbers stay left-to-right inside a right-to-left page.
    assert 'direction="ltr"' in drawing_of(html)
    assert marker_count(drawing_of(html), "punjab") == "1"


def test_every_first_level_division_of_the_network_has_a_map_point():
    """The shipped points cover what the gazetteer loads at depth 1 for all eight countries,
    so no division silently drops off a country's drawing."""
    from core.gazetteer import gazetteer_rows
    from network.map import division_points

    countries = ["AF", "BD", "BT", "IN", "LK", "MV", "NP", "PK"]
    first_level = {row.code for row in gazetteer_rows(countries) if row.depth == 1}
    assert len(first_level) == 142
    assert first_level - set(division_points()) == set()
