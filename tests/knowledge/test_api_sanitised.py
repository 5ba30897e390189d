"""Issue 12 finding 4: the API, feeds and citations never hand out unsanitised source.

Every text field served is either the sanitised HTML the page shows or plain text.
"""

import json

import pytest

from knowledge.importer.reading import read_rows
from knowledge.importer.writing import case_studies_import
from tests.knowledge.factories import FindingPageFactory
from tests.network.factories import country

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
HOSTILE = f"Intro {SCRIPT} **bold** <img src=x onerror=alert(1)> [a](javascript:alert(2))"


def _imported_case_study(tmp_path):
    country("PK")
    source = tmp_path / "cases.json"
    source.write_text(
        json.dumps(
            [
                {
                    "title": "Imported <b>case</b>",
                    "summary": f"Summary {SCRIPT}",
                    "countries": ["PK"],
                    **{
                        name: HOSTILE
                        for name in (
                            "problem",
                            "what_was_done",
                            "implementation",
                            "results",
                            "lessons",
                            "transferability",
                        )
                    },
                }
            ]
        )
    )
    results, written = case_studies_import(rows=read_rows(source), dry_run=False)
    assert written, [result.errors for result in results]
    from knowledge.models import CaseStudyPage

    return CaseStudyPage.objects.get(title="Imported <b>case</b>")


def _assert_no_markup_that_runs(text: str):
    lowered = text.lower()
    assert "<script" not in lowered
    assert "onerror" not in lowered
    assert "javascript:" not in lowered


def test_api_detail_serves_sanitised_html_not_imported_source(client, home, tmp_path):
    study = _imported_case_study(tmp_path)
    response = client.get(f"/api/v2/knowledge/{study.pk}/")
    assert response.status_code == 200
    data = response.json()
    for name in ("problem", "what_was_done", "implementation", "results", "lessons"):
        assert name not in data, f"raw Markdown source {name} is still served"
        assert "<strong>bold</strong>" in data[f"{name}_html"]
        _assert_no_markup_that_runs(data[f"{name}_html"])
    # The summary is plain text (shown escaped on the page), so it is served as typed.
    assert data["summary"] == f"Summary {SCRIPT}"


def test_api_listing_with_every_field_serves_no_source(client, home, tmp_path):
    _imported_case_study(tmp_path)
    FindingPageFactory(abstract=HOSTILE, body=HOSTILE)
    response = client.get("/api/v2/knowledge/?fields=*")
    assert response.status_code == 200
    assert response.json()["items"]
    response = client.get("/api/v2/knowledge/?type=knowledge.FindingPage&fields=*")
    assert response.status_code == 200
    items = response.json()["items"]
    for item in items:
        for name, value in item.items():
            if name.endswith("_html"):
                _assert_no_markup_that_runs(value)
    finding = next(item for item in items if "abstract_html" in item)
    assert "body" not in finding and "abstract" not in finding
    assert "<strong>bold</strong>" in finding["body_html"]


def test_feeds_escape_plain_text_summaries(client, home, tmp_path):
    _imported_case_study(tmp_path)
    FindingPageFactory(abstract=HOSTILE)
    for url in ("/feeds/knowledge/rss/", "/feeds/knowledge/atom/"):
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        # A feed reader unescapes the XML once and then reads the description as HTML.
        assert "&lt;script" not in body
        assert "<script" not in body


def test_citations_are_plain_text_never_html(client, home, tmp_path):
    study = _imported_case_study(tmp_path)
    for citation_format in ("bibtex", "ris", "plain"):
        response = client.get(f"{study.url}cite/{citation_format}/")
        assert response.status_code == 200
        assert "html" not in response["Content-Type"]
    page = client.get(study.url).content.decode()
    assert "Summary &lt;script&gt;" in page and SCRIPT not in page


def test_import_refuses_an_over_long_body(home, tmp_path):
    from knowledge.importer.validation import MAX_DOCUMENT_MARKDOWN_LENGTH

    country("PK")
    rows = [
        {
            "title": "Huge",
            "summary": "Too long.",
            "countries": ["PK"],
            "results": "x" * (MAX_DOCUMENT_MARKDOWN_LENGTH + 1),
        }
    ]
    results, written = case_studies_import(rows=rows, dry_run=False)
    assert not written
    assert any("results is" in error for error in results[0].errors)
