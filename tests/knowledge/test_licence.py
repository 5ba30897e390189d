"""Every case study and finding carries a licence its contributor chose: shown on the page, in
the API, in citations and in the page's schema.org data."""

import json
import re

import bibtexparser
import pytest
from django.urls import reverse

from knowledge.models import CaseStudyPage
from tests.factories import PersonFactory
from tests.knowledge.factories import CaseStudyPageFactory, FindingPageFactory
from tests.network.factories import PartnerPageFactory

from .test_submission_flow import form_data

pytestmark = pytest.mark.django_db

BY_SA_DEED = "https://creativecommons.org/licenses/by-sa/4.0/"


def json_ld(html: str) -> dict:
    return json.loads(re.search(r'id="schema-org"[^>]*>(.*?)</script>', html, re.S).group(1))


def test_a_new_case_study_defaults_to_cc_by(home):
    page = CaseStudyPageFactory(title="Defaults")
    assert page.licence == "CC-BY-4.0"


def test_the_page_shows_the_licence_with_its_deed_and_how_to_attribute(client, home):
    partner = PartnerPageFactory(title="Institute of Administrative Sciences")
    page = CaseStudyPageFactory(title="Shared case", partners=[partner], licence="CC-BY-SA-4.0")
    html = client.get(page.url).content.decode()
    assert f'<a rel="license" href="{BY_SA_DEED}">CC BY-SA 4.0</a>' in html
    # The attribution names the title, the authors, the source and the licence.
    attribution = re.search(r'<p class="licence__attribution">(.*?)</p>', html, re.S).group(1)
    assert "Shared case" in attribution
    assert "Institute of Administrative Sciences" in attribution
    assert page.full_url in attribution
    assert "CC BY-SA 4.0" in attribution


def test_an_item_without_a_licence_says_so_and_claims_none(client, home):
    page = CaseStudyPageFactory(title="Older case", licence="not-specified")
    html = client.get(page.url).content.decode()
    assert "No licence was specified" in html
    assert 'rel="license"' not in html
    assert "license" not in json_ld(html)


def test_all_rights_reserved_is_shown_without_a_deed(client, home):
    page = CaseStudyPageFactory(title="Closed case", licence="all-rights-reserved")
    html = client.get(page.url).content.decode()
    assert "All rights reserved" in html
    assert 'rel="license"' not in html
    assert "license" not in json_ld(html)


def test_json_ld_names_the_licence_deed(client, home):
    page = FindingPageFactory(title="Open brief", licence="CC0-1.0")
    data = json_ld(client.get(page.url).content.decode())
    assert data["license"] == "https://creativecommons.org/publicdomain/zero/1.0/"


def test_the_api_serves_code_name_and_url(client, home):
    page = CaseStudyPageFactory(title="API case", licence="CC-BY-SA-4.0")
    brief = FindingPageFactory(title="API brief", licence="not-specified")
    detail = client.get(f"/api/v2/knowledge/{page.pk}/").json()
    assert detail["licence"] == {"code": "CC-BY-SA-4.0", "name": "CC BY-SA 4.0", "url": BY_SA_DEED}
    detail = client.get(f"/api/v2/knowledge/{brief.pk}/").json()
    assert detail["licence"] == {"code": "not-specified", "name": "Not specified", "url": ""}
    listing = client.get("/api/v2/knowledge/?type=knowledge.FindingPage&fields=licence").json()
    assert [item["licence"]["code"] for item in listing["items"]] == ["not-specified"]


def test_citations_carry_the_licence(client, home):
    page = CaseStudyPageFactory(title="Cited case", licence="CC-BY-SA-4.0")
    plain = client.get(f"{page.url}cite/plain/").content.decode()
    assert plain.rstrip().endswith(f"Licence: CC BY-SA 4.0 ({BY_SA_DEED}).")
    ris = client.get(f"{page.url}cite/ris/").content.decode()
    assert f"N1  - Licence: CC BY-SA 4.0 ({BY_SA_DEED})" in ris
    library = bibtexparser.parse_string(client.get(f"{page.url}cite/bibtex/").content.decode())
    assert not library.failed_blocks
    assert library.entries[0]["copyright"] == "CC BY-SA 4.0"
    printable = client.get(f"{page.url}print/").content.decode()
    assert "CC BY-SA 4.0" in printable


def test_citations_of_an_unlicensed_item_claim_no_licence(client, home):
    page = CaseStudyPageFactory(title="Unlicensed case", licence="not-specified")
    assert "Licence" not in client.get(f"{page.url}cite/plain/").content.decode()
    assert "copyright" not in client.get(f"{page.url}cite/bibtex/").content.decode()


def test_the_partner_chooses_the_licence_and_cc_by_is_offered_first(client, home):
    partner = PersonFactory(partner=True)
    client.force_login(partner)
    form_page = client.get(reverse("knowledge:submit")).content.decode()
    assert re.search(r'<input type="radio" name="licence" value="CC-BY-4.0"[^>]*checked', form_page)
    # Items submitted from now on always carry a real choice.
    assert 'value="not-specified"' not in form_page
    response = client.post(reverse("knowledge:submit"), form_data(licence="CC-BY-NC-4.0"))
    assert response.status_code == 302
    page = CaseStudyPage.objects.get(title="Mobile registration camps")
    assert page.get_latest_revision().as_object().licence == "CC-BY-NC-4.0"


def test_an_unknown_licence_is_a_400_that_keeps_what_was_typed(client, home):
    client.force_login(PersonFactory(partner=True))
    response = client.post(
        reverse("knowledge:submit"), form_data(licence="GPL", title="Kept title")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Kept title"' in html
    assert "Select a valid choice" in html


def test_the_resubmission_form_shows_the_chosen_licence(client, home):
    partner = PersonFactory(partner=True)
    client.force_login(partner)
    client.post(reverse("knowledge:submit"), form_data(licence="CC-BY-NC-SA-4.0"))
    page = CaseStudyPage.objects.get(title="Mobile registration camps")
    from knowledge.forms import CaseStudySubmissionForm

    initial = CaseStudySubmissionForm.initial_from_page(page.get_latest_revision().as_object())
    assert initial["licence"] == "CC-BY-NC-SA-4.0"


def test_imports_claim_no_licence_unless_the_file_names_one(home, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    rows = [
        {"title": "Imported plain", "summary": "S.", "countries": ["PK"]},
        {"title": "Imported open", "summary": "S.", "countries": ["PK"], "licence": "CC0-1.0"},
    ]
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(rows))
    call_command("import_case_studies", str(path), stdout=StringIO())
    assert CaseStudyPage.objects.get(title="Imported plain").licence == "not-specified"
    assert CaseStudyPage.objects.get(title="Imported open").licence == "CC0-1.0"
    # An update that does not name a licence keeps the one the page has.
    path.write_text(json.dumps(rows[1:2] and [{**rows[1], "licence": ""}]))
    call_command("import_case_studies", str(path), stdout=StringIO())
    assert CaseStudyPage.objects.get(title="Imported open").licence == "CC0-1.0"
    path.write_text(json.dumps([{**rows[0], "licence": "MIT"}]))
    out = StringIO()
    with pytest.raises(Exception):  # noqa: B017 - the command exits non-zero on a rejected row
        call_command("import_case_studies", str(path), stdout=out)
    assert "licence: unknown 'MIT'" in out.getvalue()


def test_drafts_saved_before_licences_existed_stay_unlicensed_when_published(home):
    """The migration marks stored revisions "not-specified", so approving an old draft does not
    license it under CC BY 4.0 (the model default) behind its author's back."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "knowledge.migrations.0007_licence_for_case_studies_and_findings"
    )
    page = CaseStudyPageFactory(title="Old draft", live=False)
    revision = page.get_latest_revision()
    del revision.content["licence"]
    revision.save(update_fields=["content"])
    migration.mark_stored_revisions_not_specified(apps, None)
    revision.refresh_from_db()
    revision.publish()
    page.refresh_from_db()
    assert page.licence == "not-specified"
