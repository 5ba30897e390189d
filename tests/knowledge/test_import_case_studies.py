"""manage.py import_case_studies: dry run, per-row report, all-or-nothing."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from knowledge.models import CaseStudyPage

from .factories import case_study, partner_page

pytestmark = pytest.mark.django_db

CSV_OK = """title,summary,countries,themes,sdgs,stage,year_launched,publication_date,sources,problem
One-stop shop,Services under one roof.,PK;BD,service-delivery,16,pilot,2024,2025-03-01,"Report | https://example.org/r.pdf",**Queues** were long.
Land records online,Records went digital.,IN,digital-government,9;16,scaled,2001,,,
"""


def run(path, *args):
    out = StringIO()
    call_command("import_case_studies", str(path), *args, stdout=out)
    return out.getvalue()


def test_dry_run_reports_and_writes_nothing(home, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(CSV_OK)
    output = run(path, "--dry-run")
    assert "row 1: created  One-stop shop" in output
    assert "row 2: created  Land records online" in output
    assert "Dry run, nothing written" in output
    assert not CaseStudyPage.objects.exists()


def test_import_creates_then_updates(home, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(CSV_OK)
    output = run(path)
    assert "Imported: 2 created, 0 updated." in output
    page = CaseStudyPage.objects.get(slug="one-stop-shop")
    assert page.live
    assert sorted(page.countries.values_list("code", flat=True)) == ["BD", "PK"]
    assert page.stage.slug == "pilot"
    assert page.sources[0].value["url"] == "https://example.org/r.pdf"
    output = run(path)
    assert "row 1: updated" in output
    assert CaseStudyPage.objects.count() == 2


def test_rejected_rows_are_explained_and_nothing_is_imported(home, tmp_path):
    rows = [
        {"title": "Good row", "summary": "Fine.", "countries": ["PK"]},
        {"title": "", "summary": "x" * 601, "countries": ["ZZ"], "stage": "moon",
         "year_launched": "1800", "sdgs": ["18"], "sources": [{"title": "A", "url": "ftp://x"}]},
        {"title": "Good row", "summary": "Duplicate slug.", "countries": ["IN"]},
    ]  # fmt: skip
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(rows))
    out = StringIO()
    with pytest.raises(
        CommandError, match="Nothing imported: 1 to create, 0 to update, 2 rejected"
    ):
        call_command("import_case_studies", str(path), stdout=out)
    report = out.getvalue()
    assert "row 1: created  Good row" in report
    assert "row 2: rejected" in report
    for reason in [
        "title is required",
        "summary is 601 characters",
        "countries: unknown ZZ",
        "stage: unknown 'moon'",
        "year_launched '1800'",
        "sdgs: unknown 18",
        "'ftp://x' is not an http(s) address",
    ]:
        assert reason in report
    assert "slug 'good-row' appears twice" in report
    assert not CaseStudyPage.objects.exists()


def test_failure_while_writing_rolls_everything_back(home, tmp_path, monkeypatch):
    from knowledge import importer

    calls = {"n": 0}
    original = importer._write

    def flaky(index, data):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return original(index, data)

    monkeypatch.setattr(importer, "_write", flaky)
    path = tmp_path / "cases.csv"
    path.write_text(CSV_OK)
    with pytest.raises(RuntimeError):
        run(path)
    assert not CaseStudyPage.objects.exists()


def test_partners_and_drafts(home, tmp_path):
    partner = partner_page(title="IAS")
    existing = case_study(title="Existing", countries=["PK"])
    rows = [
        {"slug": existing.slug, "title": "Existing, revised", "summary": "New.",
         "countries": ["PK"], "implementing_partners": [partner.slug]},
        {"title": "Hidden", "summary": "Draft only.", "countries": ["NP"], "publish": "false"},
    ]  # fmt: skip
    path = tmp_path / "cases.json"
    path.write_text(json.dumps({"case_studies": rows}))
    output = run(path)
    assert "row 1: updated" in output and "row 2: created" in output
    existing.refresh_from_db()
    assert existing.title == "Existing, revised"
    assert list(existing.implementing_partners.all()) == [partner]
    assert not CaseStudyPage.objects.get(title="Hidden").live


def test_unreadable_files(home, tmp_path):
    bad = tmp_path / "cases.json"
    bad.write_text("{not json")
    with pytest.raises(CommandError, match="Invalid JSON"):
        run(bad)
    other = tmp_path / "cases.xlsx"
    other.write_text("x")
    with pytest.raises(CommandError, match="Use a .csv or .json file"):
        run(other)
