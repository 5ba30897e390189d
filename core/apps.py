from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    label = "core"

    def ready(self):
        _make_spreadsheet_exports_xml_safe()


def _make_spreadsheet_exports_xml_safe():
    """Every XLSX export of the Wagtail admin (reports, snippet listings, form submissions)
    drops control characters from text cells.

    openpyxl raises IllegalCharacterError on a C0 control character, so one page title that
    holds one (pasted from a PDF, stored before forms refused them) turned the whole export into
    a 500. Wagtail writes every cell through ``SpreadsheetExportMixin.preprocess_field_value``;
    wrapping that one method covers every export view without copying any of them.
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    from .validators import without_control_characters

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "strips_control_characters", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        value = original(self, field, value, export_format)
        if export_format == self.FORMAT_XLSX and isinstance(value, str):
            return without_control_characters(value)
        return value

    preprocess_field_value.strips_control_characters = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
