"""Choosing places in the Wagtail admin (issue 18 leftover): the ``places`` field of case
studies, challenges, labs, partners and events was a list of every division and district as
checkboxes (383 in Pakistan and Bangladesh alone). Editors now type a few letters and pick
from matches named with their lineage ("Lahore (District, Punjab)"); the endpoint behind it
answers for places only, and only to people with admin access."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from wagtailautocomplete.widgets import Autocomplete

from challenges.models import ChallengePage
from knowledge.models import CaseStudyPage
from labs.models import LabPage
from network.models import NetworkEventPage, PartnerPage
from tests.factories import PersonFactory
from tests.knowledge.factories import CaseStudyPageFactory
from tests.labs.factories import LabPageFactory, ProjectSpaceFactory

pytestmark = pytest.mark.django_db

SEARCH_URL = "/admin/autocomplete/search/"
OBJECTS_URL = "/admin/autocomplete/objects/"


@pytest.mark.parametrize(
    "model", [CaseStudyPage, ChallengePage, LabPage, PartnerPage, NetworkEventPage]
)
def test_every_tagged_page_type_chooses_places_by_autocomplete(model):
    form_class = model.get_edit_handler().get_form_class()
    widget = form_class.base_fields["places"].widget
    assert isinstance(widget, Autocomplete)
    assert widget.target_model._meta.label == "core.Place" and not widget.is_single


def test_edit_form_renders_the_autocomplete_with_the_chosen_place(client, home, gazetteer):
    lahore = gazetteer("PK-PB-LAHORE")
    page = CaseStudyPageFactory(title="Tagged in the admin", places=[lahore])
    client.force_login(PersonFactory(moderator=True))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'data-controller="autocomplete-controller"' in html
    assert 'data-autocomplete-input-type="core.Place"' in html
    assert "wagtailautocomplete/dist.js" in html
    assert 'type="checkbox" name="places"' not in html  # no wall of checkboxes
    assert "Lahore (District, Punjab)" in html  # the chosen place, named with its lineage


def test_typing_a_province_finds_it_and_its_districts_with_their_lineage(client, home, gazetteer):
    client.force_login(PersonFactory(moderator=True))
    response = client.post(SEARCH_URL, {"type": "core.Place", "query": "punjab"})
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert "Lahore (District, Punjab)" in titles
    assert any(title.startswith("Punjab (") for title in titles)
    assert not any("Sindh" in title for title in titles)
    khulna = client.post(SEARCH_URL, {"type": "core.Place", "query": "Khulna"}).json()
    assert "Khulna (District, Khulna)" in [item["title"] for item in khulna["items"]]


def test_chosen_places_are_read_back_by_id(client, home, gazetteer):
    sindh = gazetteer("PK-SD")
    client.force_login(PersonFactory(moderator=True))
    response = client.get(OBJECTS_URL, {"type": "core.Place", "pks": str(sindh.pk)})
    assert response.json()["items"] == [{"pk": sindh.pk, "title": str(sindh)}]


@pytest.mark.parametrize(
    "model_label",
    ["labs.ProjectSpace", "labs.Cohort", "labs.Deliverable", "wagtailcore.Page", "core.User"],
)
def test_the_endpoint_answers_for_places_only(client, home, model_label):
    """The package's admin endpoint would search any model by its label; a lab lead with admin
    access must not find private spaces, cohorts, deliverables or draft pages through it."""
    lead = PersonFactory()
    lab = LabPageFactory(lead=lead)
    ProjectSpaceFactory(lab=LabPageFactory(), title="Secret space", created_by=PersonFactory())
    client.force_login(lead)
    response = client.post(SEARCH_URL, {"type": model_label, "query": "Secret"})
    assert response.status_code == 400
    assert "Secret" not in response.content.decode()
    response = client.get(OBJECTS_URL, {"type": model_label, "pks": str(lab.pk)})
    assert response.status_code == 400


def test_the_endpoint_needs_admin_access(client, home, gazetteer):
    response = client.post(SEARCH_URL, {"type": "core.Place", "query": "Punjab"})
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(PersonFactory())  # signed in, no admin access
    response = client.post(SEARCH_URL, {"type": "core.Place", "query": "Punjab"})
    assert response.status_code in (302, 403)


class _EditForm(HTMLParser):
    """The values the admin's edit form would send as it stands (no JavaScript)."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            boolean = attrs.get("type") in ("checkbox", "radio")
            self.data.setdefault(name, []).append(attrs.get("value", "on" if boolean else ""))
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select].append(attrs.get("value", ""))
        elif tag == "span" and attrs.get("data-autocomplete-input-name"):
            # The chooser's React widget posts its value as JSON under the field's name.
            value = attrs.get("data-autocomplete-input-value")
            self.data[attrs["data-autocomplete-input-name"]] = [value]
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data


def test_editor_saves_the_chosen_places(client, home, gazetteer):
    lahore, khulna = gazetteer("PK-PB-LAHORE"), gazetteer("BD-27")
    page = LabPageFactory(title="Tagged in the admin")
    page.places.set([lahore])
    page.save_revision().publish()
    client.force_login(PersonFactory(moderator=True))
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = _EditForm()
    form.feed(client.get(url).content.decode())
    data = {name: values for name, values in form.data.items() if values}
    assert json.loads(data["places"][0]) == [{"pk": lahore.pk, "title": str(lahore)}]
    # What the widget posts after the editor removes Lahore and picks Khulna.
    data["places"] = [json.dumps([{"pk": khulna.pk, "title": str(khulna)}])]
    response = client.post(url, data)
    assert response.status_code == 302, re.findall(
        r'class="error-message"[^<]*<[^>]*>([^<]*)', response.content.decode()
    )
    revision = LabPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert list(revision.places.all()) == [khulna]
