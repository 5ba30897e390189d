"""The partner's case study submission form (Markdown text, limited attachments)."""

from __future__ import annotations

import os

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from core.forms import ModelIdChoiceField, ModelIdMultipleChoiceField
from core.models import Country, Region
from core.validators import validate_no_control_characters
from network.models import (
    GovernmentLevel,
    InnovationStage,
    PartnerPage,
    SustainableDevelopmentGoal,
    Theme,
)

from .models import OriginalLanguage
from .models.pages import SUMMARY_MAX_LENGTH

ATTACHMENT_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "csv", "pptx", "txt"]
MAX_ATTACHMENTS = 5


def max_attachment_bytes() -> int:
    return getattr(settings, "KNOWLEDGE_MAX_ATTACHMENT_BYTES", 10 * 1024 * 1024)


MARKDOWN_HELP = _("Markdown: **bold**, *italic*, lists with -, links as [text](https://…).")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def parse_sources(text: str) -> list[dict]:
    """One source per line: ``Title | https://link`` (the link is optional)."""
    sources, errors = [], []
    validate_url = URLValidator(schemes=["http", "https"])
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        title, _sep, url = (part.strip() for part in line.partition("|"))
        if url:
            try:
                validate_url(url)
            except ValidationError:
                errors.append(
                    _("Line %(number)s: “%(url)s” is not a web address starting with https://")
                    % {"number": number, "url": url}
                )
                continue
        if len(title) > 300:
            errors.append(_("Line %(number)s: the title is too long.") % {"number": number})
            continue
        sources.append({"title": title or url, "url": url})
    if errors:
        raise ValidationError(errors)
    return sources


class CaseStudySubmissionForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        validators=[validate_no_control_characters],
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": SUMMARY_MAX_LENGTH}),
        help_text=_("Plain language, at most 600 characters: what changed, where, for whom."),
    )
    problem = forms.CharField(
        label=_("The problem"), widget=forms.Textarea(attrs={"rows": 6}), help_text=MARKDOWN_HELP
    )
    what_was_done = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 6}), help_text=MARKDOWN_HELP
    )
    implementation = forms.CharField(
        label=_("How it was implemented"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HELP,
    )
    results = forms.CharField(
        label=_("Results and evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HELP,
    )
    lessons = forms.CharField(
        label=_("Lessons"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    transferability = forms.CharField(
        label=_("Transferability notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What another country or province would need in order to adopt it."),
    )
    year_launched = forms.IntegerField(
        label=_("Year launched"), required=False, min_value=1947, max_value=2100
    )
    stage = ModelIdChoiceField(
        label=_("Stage"), queryset=InnovationStage.objects.all(), required=False
    )
    government_level = ModelIdChoiceField(
        label=_("Level of government"), queryset=GovernmentLevel.objects.all(), required=False
    )
    countries = ModelIdMultipleChoiceField(
        label=_("Countries"),
        queryset=Country.objects.filter(region=Region.SOUTH_ASIA),
        widget=forms.CheckboxSelectMultiple,
    )
    themes = ModelIdMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    sdgs = ModelIdMultipleChoiceField(
        label=_("Sustainable Development Goals"),
        queryset=SustainableDevelopmentGoal.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    implementing_partners = ModelIdMultipleChoiceField(
        label=_("Implementing partners"),
        queryset=PartnerPage.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Network members that carried it out. Hold Ctrl (⌘ on Mac) to pick several."),
    )
    original_language = forms.ChoiceField(
        label=_("Language of the original"),
        choices=OriginalLanguage.choices,
        initial=OriginalLanguage.ENGLISH,
    )
    sources = forms.CharField(
        label=_("Sources"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: Title | https://link (the link is optional)."),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("Up to %(count)s files (%(types)s), each at most %(size)s.")
        % {
            "count": MAX_ATTACHMENTS,
            "types": ", ".join(ATTACHMENT_EXTENSIONS),
            "size": filesizeformat(10 * 1024 * 1024),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["implementing_partners"].queryset = (
            PartnerPage.objects.live().public().order_by("title")
        )
        self.fields["attachments"].widget.attrs["accept"] = ",".join(
            f".{ext}" for ext in ATTACHMENT_EXTENSIONS
        )

    def clean_sources(self):
        return parse_sources(self.cleaned_data.get("sources", ""))

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(_("Attach at most %(count)s files.") % {"count": MAX_ATTACHMENTS})
        limit = max_attachment_bytes()
        errors = []
        for upload in files:
            extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
            if extension not in ATTACHMENT_EXTENSIONS:
                errors.append(
                    _("“%(name)s” is not an allowed type (%(types)s).")
                    % {"name": upload.name, "types": ", ".join(ATTACHMENT_EXTENSIONS)}
                )
            elif upload.size > limit:
                errors.append(
                    _("“%(name)s” is %(size)s; the limit is %(limit)s.")
                    % {
                        "name": upload.name,
                        "size": filesizeformat(upload.size),
                        "limit": filesizeformat(limit),
                    }
                )
        if errors:
            raise ValidationError(errors)
        return files

    @classmethod
    def initial_from_page(cls, page) -> dict:
        return {
            "title": page.title,
            "summary": page.summary,
            "problem": page.problem,
            "what_was_done": page.what_was_done,
            "implementation": page.implementation,
            "results": page.results,
            "lessons": page.lessons,
            "transferability": page.transferability,
            "year_launched": page.year_launched,
            "stage": page.stage_id,
            "government_level": page.government_level_id,
            "countries": list(page.countries.all()),
            "themes": list(page.themes.all()),
            "sdgs": list(page.sdgs.all()),
            "implementing_partners": list(page.implementing_partners.all()),
            "original_language": page.original_language,
            "sources": "\n".join(
                " | ".join(p for p in (block.value.get("title"), block.value.get("url")) if p)
                for block in page.sources
            ),
        }
