"""manage.py import_case_studies: dry run, per-row report, all-or-nothing."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from knowledge.models import CaseStudyPage
from tests.knowledge.factories import CaseStudyPageFactory, FindingPageFactory
from tests.network.factories import PartnerPageFactory

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
        "sdgs: '18' is not a number from 1 to 17",
        "'ftp://x' is not an http(s) address",
    ]:
        assert reason in report
    assert "slug 'good-row' appears twice" in report
    assert not CaseStudyPage.objects.exists()


def test_failure_while_writing_rolls_everything_back(home, tmp_path, monkeypatch):
    from knowledge.importer import writing as importer

    calls = {"n": 0}
    original = importer._write

    def flaky(index, data, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return original(index, data, **kwargs)

    monkeypatch.setattr(importer, "_write", flaky)
    path = tmp_path / "cases.csv"
    path.write_text(CSV_OK)
    with pytest.raises(RuntimeError):
        run(path)
    assert not CaseStudyPage.objects.exists()


def test_partners_and_drafts(home, tmp_path):
    partner = PartnerPageFactory(title="IAS")
    existing = CaseStudyPageFactory(title="Existing", countries=["PK"])
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


# --- Issue 12: bad input is a per-record message, never a traceback ------------------------

GOOD = {"title": "Good row", "summary": "Fine.", "countries": ["PK"]}


def rejected_report(path) -> str:
    """Run the import expecting rejection; return the per-row report."""
    out = StringIO()
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_case_studies", str(path), stdout=out)
    return out.getvalue()


def write_json(tmp_path, rows) -> object:
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(rows))
    return path


def write_csv(tmp_path, text: str) -> object:
    path = tmp_path / "cases.csv"
    path.write_text(text, encoding="utf-8", newline="")
    return path


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"sdgs": ["²"]}, "sdgs: '²' is not a number from 1 to 17"),
        ({"sdgs": ["1" * 30]}, f"sdgs: '{'1' * 30}' is not a number from 1 to 17"),
        ({"sdgs": [4, 99]}, "sdgs: '99' is not a number from 1 to 17"),
        ({"year_launched": "²"}, "year_launched '²' must be a year between 1947 and 2100"),
        ({"year_launched": "9" * 30}, "must be a year between 1947 and 2100"),
        ({"title": 42}, "title must be text, not a number"),
        ({"title": ["a"]}, "title must be text, not a list"),
        ({"title": {"x": "<script>"}}, "title must be text, not an object"),
        ({"summary": 3.14}, "summary must be text, not a number"),
        ({"title": "Null\x00byte"}, "title contains a control character (U+0000)"),
        ({"problem": "Bell\x07"}, "problem contains a control character (U+0007)"),
        ({"countries": [{"code": "PK"}]}, "countries must be text or a list of text"),
        ({"publish": 3}, "publish must be true or false"),
        ({"year_launched": True}, "year_launched must be a year"),
        ({"theme": "service-delivery"}, "unknown field 'theme' (did you mean 'themes'?)"),
        ({"sgds": [16]}, "unknown field 'sgds' (did you mean 'sdgs'?)"),
        ({"what_was_don": "x"}, "unknown field 'what_was_don' (did you mean 'what_was_done'?)"),
        ({"colour": "red"}, "unknown field 'colour'"),
        ({"publication_date": "2025-02-30"}, "publication_date 2025-02-30 is not a real date"),
        ({"publication_date": "1/3/2025"}, "publication_date '1/3/2025' must look like"),
    ],
)
def test_json_record_errors_are_reported_per_record(home, tmp_path, changes, reason):
    path = write_json(tmp_path, [GOOD, {**GOOD, "title": "Second", **changes}])
    report = rejected_report(path)
    assert "row 1: created  Good row" in report
    assert "row 2: rejected" in report
    assert reason in report
    assert "Traceback" not in report
    assert not CaseStudyPage.objects.exists()


@pytest.mark.parametrize(
    ("header", "cell", "reason"),
    [
        ("sdgs", "²", "sdgs: '²' is not a number from 1 to 17"),
        ("sdgs", "1" * 30, "is not a number from 1 to 17"),
        ("year_launched", "²", "year_launched '²' must be a year between 1947 and 2100"),
        ("publication_date", "2025-02-30", "publication_date 2025-02-30 is not a real date"),
        ("theme", "service-delivery", "unknown field 'theme' (did you mean 'themes'?)"),
        ("summary", "Null\x00byte", "summary contains a control character (U+0000)"),
    ],
)
def test_csv_record_errors_are_reported_per_record(home, tmp_path, header, cell, reason):
    extra = "" if header == "summary" else f",{header}"
    second_summary = cell if header == "summary" else "Fine."
    second_extra = "" if header == "summary" else f",{cell}"
    path = write_csv(
        tmp_path,
        f"title,summary,countries{extra}\r\n"
        f"Good row,Fine.,PK{',' if extra else ''}\r\n"
        f"Second,{second_summary},PK{second_extra}\r\n",
    )
    report = rejected_report(path)
    assert "row 2: rejected" in report
    assert reason in report


def test_blank_slug_from_punctuation_title_gets_a_fallback(home, tmp_path):
    path = write_json(tmp_path, [{**GOOD, "title": "!!!"}, {**GOOD, "title": "ایک کھڑکی"}])
    output = run(path)
    assert "Imported: 2 created" in output
    slugs = sorted(CaseStudyPage.objects.values_list("slug", flat=True))
    assert "" not in slugs
    assert "ایک-کھڑکی" in slugs
    assert any(slug.startswith("case-study") for slug in slugs)


def test_slug_taken_by_a_finding_gets_a_unique_suffix(home, tmp_path):
    taken = FindingPageFactory(title="Taken")
    path = write_json(tmp_path, [{**GOOD, "title": "Other", "slug": taken.slug}])
    output = run(path)
    assert "Imported: 1 created" in output
    page = CaseStudyPage.objects.get(title="Other")
    assert page.slug == f"{taken.slug}-2"
    assert f"slug '{taken.slug}' is taken" in output


def test_csv_multi_line_cell_keeps_its_newlines(home, tmp_path):
    path = write_csv(
        tmp_path,
        'title,summary,countries,problem\r\nOne,Fine.,PK,"First line.\r\n\r\nSecond paragraph."\r\n',
    )
    run(path)
    page = CaseStudyPage.objects.get(title="One")
    assert page.problem.splitlines() == ["First line.", "", "Second paragraph."]


def test_csv_headers_are_case_insensitive_and_trimmed(home, tmp_path):
    path = write_csv(tmp_path, "Title , Summary,COUNTRIES\nOne,Fine.,PK\n")
    output = run(path)
    assert "Imported: 1 created" in output


def test_records_for_any_iso_country_import(home, tmp_path):
    path = write_json(
        tmp_path,
        [{**GOOD, "title": "ASAN service", "countries": ["AZ"]},
         {**GOOD, "title": "USDS", "countries": ["US", "pk"]}],
    )  # fmt: skip
    output = run(path)
    assert "Imported: 2 created" in output
    assert list(CaseStudyPage.objects.get(title="USDS").countries.order_by("code")
                .values_list("code", flat=True)) == ["PK", "US"]  # fmt: skip


def test_html_bodies_are_sanitised_once_on_import(home, tmp_path, client):
    html = (
        '<h2>Queues</h2><p>People <b>waited</b> <a href="javascript:alert(1)">here</a>.</p>'
        '<p onclick="steal()">Then <script>document.cookie</script>they did not.</p>'
    )
    path = write_json(tmp_path, [{**GOOD, "body_format": "html", "problem": html}])
    run(path)
    page = CaseStudyPage.objects.get()
    assert "<script" not in page.problem and "onclick" not in page.problem
    assert "javascript:" not in page.problem
    assert "<b>waited</b>" in page.problem
    body = client.get(page.url).content.decode()
    assert "<b>waited</b>" in body and "<h2>Queues</h2>" in body
    assert "steal()" not in body


def test_unknown_body_format_is_refused(home, tmp_path):
    report = rejected_report(write_json(tmp_path, [{**GOOD, "body_format": "rtf"}]))
    assert "body_format must be markdown or html" in report


def test_csv_row_with_more_cells_than_headers_is_rejected(home, tmp_path):
    path = write_csv(tmp_path, "title,summary,countries\nOne,Fine.,PK,oops,again\n")
    report = rejected_report(path)
    assert "the row has 2 more cells than the header has columns" in report
