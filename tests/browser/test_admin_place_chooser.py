"""An editor tags a lab page with a district in the Wagtail admin by typing part of its
province's name and picking it from the autocomplete (no list of hundreds of checkboxes)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import DEFAULT_PASSWORD, PersonFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_editor_picks_a_district_by_typing_its_province(page, live_server, live_home):
    from core.models import Place
    from core.services import places_load
    from labs.models import LabPage
    from tests.labs.factories import LabPageFactory

    places_load(country_codes=["PK"])
    lab = LabPageFactory(title="Punjab Governance Lab")
    editor = PersonFactory(superuser=True)
    log_in(page, live_server, editor.email, DEFAULT_PASSWORD)

    page.goto(f"/admin/pages/{lab.pk}/edit/")
    chooser = page.locator('[data-autocomplete-input-name="places"]')
    chooser.locator("input[type=text]").fill("Punjab")
    page.get_by_text("Lahore (District, Punjab)", exact=True).first.click()
    expect(chooser).to_contain_text("Lahore (District, Punjab)")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("has been updated")).to_be_visible()

    draft = LabPage.objects.get(pk=lab.pk).get_latest_revision_as_object()
    assert list(draft.places.all()) == [Place.objects.get(code="PK-PB-LAHORE")]
