"""What several challenge forms share: the Markdown area and its help, date and date-time inputs."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import MarkdownTextarea

MARKDOWN_HELP = _("Markdown: **bold**, *italic*, lists, [links](https://…).")


def markdown_area(rows: int = 4) -> MarkdownTextarea:
    return MarkdownTextarea(rows=rows)


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)
