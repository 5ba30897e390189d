"""The case study importer's ``places`` column: gazetteer codes, checked like every other."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from knowledge.models import CaseStudyPage

pytestmark = pytest.mark.django_db

CSV = """title,summary,countries,places
Lahore e-stamping,Stamp papers online.,PK,pk-pb-lahore;BD-27-DUMURIA
"""


def test_places_column_tags_the_case_study_and_search_finds_it_by_province(
    client, home, gazetteer, tmp_path
):
    path = tmp_path / "cases.csv"
    path.write_text(CSV)
    call_command("import_case_studies", str(path), stdout=StringIO())
    page = CaseStudyPage.objects.get(slug="lahore-e-stamping")
    assert sorted(page.places.values_list("code", flat=True)) == ["BD-27-DUMURIA", "PK-PB-LAHORE"]
    html = client.get("/knowledge/", {"place": "PK-PB"}).content.decode()
    assert "Lahore e-stamping" in html


def test_an_unknown_place_code_rejects_the_row(home, gazetteer, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(CSV.replace("pk-pb-lahore", "PK-PB-ATLANTIS"))
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_case_studies", str(path), stdout=out)
    assert "places: unknown PK-PB-ATLANTIS" in out.getvalue()
    assert not CaseStudyPage.objects.exists()
