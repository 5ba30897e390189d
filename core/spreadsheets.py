"""Spreadsheet exports of the Wagtail admin never hand Excel or LibreOffice a formula.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is evaluated as a
formula when a CSV file is opened (CSV injection: ``=HYPERLINK(...)`` in a page title becomes
a live link, worse on older spreadsheets). Every admin export (reports, listings, snippets,
form submissions) goes through Wagtail's ``SpreadsheetExportMixin``, so
``spreadsheet_exports_guard`` wraps that one mixin when the core app starts:

- CSV: such cells get a leading apostrophe, the OWASP recommendation;
- XLSX: such cells stay text with the "quote prefix" style, so the value is kept exactly
  and the spreadsheet shows it as literal text; control characters are dropped from text
  cells, because openpyxl refuses them (IllegalCharacterError) and one title pasted from a
  PDF, stored before forms refused them, turned the whole export into a 500.
"""

from __future__ import annotations

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from .validators import without_control_characters

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell_neutralise(value):
    """A CSV cell value a spreadsheet will read as text; values of other types are unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def spreadsheet_exports_guard() -> None:
    """Wrap Wagtail's SpreadsheetExportMixin once (idempotent); called from CoreConfig.ready()."""

    if getattr(SpreadsheetExportMixin, "_policylab_formula_guard", False):
        return
    preprocess = SpreadsheetExportMixin.preprocess_field_value
    xlsx_row = SpreadsheetExportMixin.generate_xlsx_row

    def preprocess_field_value(self, field, value, export_format):
        value = preprocess(self, field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return spreadsheet_cell_neutralise(value)
        if isinstance(value, str):
            return without_control_characters(value)
        return value

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in xlsx_row(self, worksheet, row_dict, date_format=date_format):
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
                cell.data_type = "s"
                cell.quotePrefix = True
            yield cell

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.generate_xlsx_row = generate_xlsx_row
    SpreadsheetExportMixin._policylab_formula_guard = True
