"""Widgets shared by every app's forms: the Markdown editor, site-time-zone date-times,
filterable checkbox lists.
"""

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.text import MAX_DOCUMENT_MARKDOWN_LENGTH, render_markdown


class MarkdownTextarea(forms.Textarea):
    """The one editor for Markdown people write on the public site.

    Renders the textarea with a "Up to N characters" hint that site's script turns into a
    live "N of MAX characters" count and a Write / Preview pair of tabs (the preview comes
    from ``core:markdown_preview``, i.e. the same sanitiser as the saved text). Without
    JavaScript, a form's "Preview" button (``MARKDOWN_PREVIEW_ACTION``) re-renders the form
    with ``show_markdown_previews``. The box starts small and grows with its text (CSS).
    """

    template_name = "core/widgets/markdown_textarea.html"

    def __init__(self, attrs=None, *, rows: int = 4):
        super().__init__({"rows": rows, **(attrs or {})})
        self.shows_preview = False

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        max_length = _positive_int(widget["attrs"].get("maxlength"))
        widget_id = widget["attrs"].get("id")
        if widget_id:
            count_id = f"{widget_id}_count"
            described_by = widget["attrs"].get("aria-describedby", "")
            widget["attrs"]["aria-describedby"] = f"{described_by} {count_id}".strip()
            widget["count_id"] = count_id
        widget["max_length"] = max_length
        widget["preview_url"] = reverse("core:markdown_preview")
        if self.shows_preview:
            widget["preview"] = render_markdown(
                value or "", max_chars=max_length or MAX_DOCUMENT_MARKDOWN_LENGTH
            )
        return context


class SiteTimeZoneDateTimeField(forms.DateTimeField):
    """A date and time typed, and shown, on the site's clock (settings.TIME_ZONE), whatever
    the reader's zone: for forms whose help text promises Pakistan time (challenge deadlines).
    ReaderTimeZoneMiddleware makes every other time follow the reader."""

    def to_python(self, value):
        with timezone.override(settings.TIME_ZONE):
            return super().to_python(value)

    def prepare_value(self, value):
        with timezone.override(settings.TIME_ZONE):
            return super().prepare_value(value)


class FilterableCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """A long list of checkboxes (partners, countries) instead of a Ctrl-click multi-select:
    it works with a keyboard, a screen reader and a phone as it is. The list scrolls in a box
    of its own, and the site's script adds a text box that filters it as one types."""

    template_name = "core/widgets/filterable_checkboxes.html"


class PlaceCheckboxes(FilterableCheckboxSelectMultiple):
    """Places (``core.Place``, several hundred) on the public site's forms: each label names the
    province or division it lies in, so typing "Punjab" in the filter finds the province and its
    districts. The Wagtail admin chooses places by autocomplete instead (``Place.autocomplete_*``).
    """


def _positive_int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None
