"""import_case_studies with titles in the region's scripts: readable, distinct, served addresses.

Django's ``slugify`` dropped vowel signs, virama and nukta (``किसान भविष्य`` → ``कसन-भवषय``), and
a mixed title such as ``किसान भविष्य 2019`` became ``2019``; Wagtail refused or 404'd the rest.
"""

import json
from io import StringIO
from urllib.parse import unquote

import pytest
from django.core.management import CommandError, call_command

from knowledge.models import CaseStudyPage

pytestmark = pytest.mark.django_db

ROWS = [
    {"title": "किसान भविष्य निधि", "summary": "Farmers' provident fund.", "countries": ["IN"]},
    {"title": "নাগরিক সেবা কেন্দ্র", "summary": "Citizen service centres.", "countries": ["BD"]},
    {
        "title": "ضلعی حکومت کی اصلاحات",
        "summary": "District government reform.",
        "countries": ["PK"],
    },
    {"title": "किसान भविष्य 2019", "summary": "The 2019 scheme.", "countries": ["IN"]},
]


def run(tmp_path, rows, *args) -> str:
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    out = StringIO()
    call_command("import_case_studies", str(path), *args, stdout=out)
    return out.getvalue()


def rejected(tmp_path, rows) -> str:
    out = StringIO()
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_case_studies", str(path), stdout=out)
    return out.getvalue()


def test_titles_in_hindi_bengali_and_urdu_get_readable_addresses_that_are_served(
    home, tmp_path, client
):
    output = run(tmp_path, ROWS)

    assert "Imported: 4 created, 0 updated." in output
    slugs = {page.title: page.slug for page in CaseStudyPage.objects.all()}
    assert slugs == {
        "किसान भविष्य निधि": "किसान-भविष्य-निधि",
        "নাগরিক সেবা কেন্দ্র": "নাগরিক-সেবা-কেন্দ্র",
        "ضلعی حکومت کی اصلاحات": "ضلعی-حکومت-کی-اصلاحات",
        "किसान भविष्य 2019": "किसान-भविष्य-2019",
    }
    for page in CaseStudyPage.objects.all():
        url = page.get_url()  # percent-encoded UTF-8, as browsers send it
        assert unquote(url) == f"/knowledge/{page.slug}/"
        response = client.get(url)
        assert response.status_code == 200, url
        assert page.title in response.content.decode()


def test_a_title_reducing_to_another_case_studys_slug_is_rejected_not_updated(home, tmp_path):
    run(tmp_path, ROWS[:1])
    original = CaseStudyPage.objects.get()

    # Different punctuation and spacing, same letters: the same slug, another record.
    report = rejected(
        tmp_path,
        [{"title": "किसान: भविष्य — निधि!", "summary": "Something else.", "countries": ["NP"]}],
    )

    assert "row 1: rejected" in report
    assert "'किसान: भविष्य — निधि!'" in report and "'किसान भविष्य निधि'" in report
    assert "किसान-भविष्य-निधि" in report
    original.refresh_from_db()
    assert original.summary == "Farmers' provident fund."
    assert CaseStudyPage.objects.count() == 1


def test_two_rows_giving_one_slug_are_both_named(home, tmp_path):
    report = rejected(
        tmp_path,
        [ROWS[0], {"title": "किसान (भविष्य) निधि", "summary": "Other.", "countries": ["IN"]}],
    )

    assert "slug 'किसान-भविष्य-निधि' appears twice in the file" in report
    assert "row 1 ('किसान भविष्य निधि')" in report and "row 2 ('किसान (भविष्य) निधि')" in report
    assert not CaseStudyPage.objects.exists()


def test_reimporting_the_same_title_updates_it(home, tmp_path):
    run(tmp_path, ROWS[:1])
    output = run(tmp_path, [{**ROWS[0], "summary": "Revised."}])

    assert "row 1: updated" in output
    assert CaseStudyPage.objects.get().summary == "Revised."
