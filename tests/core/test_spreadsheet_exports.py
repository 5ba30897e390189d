"""Admin spreadsheet exports never hand a spreadsheet a formula typed by a user.

A page titled ``=HYPERLINK("http://evil.example", "x")`` came out raw in the admin's CSV
exports; opened in Excel or LibreOffice it runs as a formula. Every export of Wagtail's admin
goes through one mixin, so the guard is installed there once.
"""

import csv
import io

import pytest
from openpyxl import load_workbook

from core.spreadsheets import spreadsheet_cell_neutralise
from tests.factories import PersonFactory
from tests.knowledge.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example", "x")'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (FORMULA, "'" + FORMULA),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Plain title", "Plain title"),
        ("", ""),
        (-5, -5),
        (None, None),
    ],
)
def test_cells_that_a_spreadsheet_would_evaluate_are_quoted(value, expected):
    assert spreadsheet_cell_neutralise(value) == expected


@pytest.fixture
def editor_client(client, home):
    CaseStudyPageFactory(title=FORMULA)
    client.force_login(PersonFactory(superuser=True))
    return client


def test_admin_csv_export_neutralises_formulas(editor_client):
    response = editor_client.get("/admin/reports/aging-pages/?export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    titles = [row[0] for row in rows[1:]]
    assert "'" + FORMULA in titles
    assert FORMULA not in titles


def test_admin_xlsx_export_marks_the_title_as_literal_text(editor_client):
    """XLSX can say "text, not a formula" (quotePrefix): the title stays exactly as typed."""
    response = editor_client.get("/admin/reports/aging-pages/?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    (cell,) = [c for c in cells if "HYPERLINK" in str(c.value)]
    assert cell.data_type == "s"
    assert cell.quotePrefix is True
    assert cell.value == FORMULA
