"""The partner's case study submission form (Markdown text, limited attachments)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.forms import (
    FilterableCheckboxSelectMultiple,
    MarkdownTextarea,
    ModelIdChoiceField,
    ModelIdMultipleChoiceField,
    MultipleUploadField,
    PlaceCheckboxes,
    has_input,
)
from core.models import Country, Place
from core.text import MAX_DOCUMENT_MARKDOWN_LENGTH
from core.uploads import UploadPolicy
from core.validators import validate_no_control_characters
from network.models import (
    GovernmentLevel,
    InnovationStage,
    PartnerPage,
    SustainableDevelopmentGoal,
    Theme,
)

from .licences import CONTRIBUTOR_CHOICES, DEFAULT_LICENCE
from .models import OriginalLanguage
from .models.pages import SUMMARY_MAX_LENGTH

#: What a case study may carry, judged by content (core.uploads).
ATTACHMENT_POLICY = UploadPolicy(
    ("pdf", "docx", "odt", "xlsx", "csv", "pptx", "txt"),
    max_bytes_setting="KNOWLEDGE_MAX_ATTACHMENT_BYTES",
    default_max_bytes=10 * 1024 * 1024,
)
MAX_ATTACHMENTS = 5


MARKDOWN_HELP = _("Markdown: **bold**, *italic*, lists with -, links as [text](https://…).")


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
        label=_("The problem"),
        max_length=MAX_DOCUMENT_MARKDOWN_LENGTH,
        widget=MarkdownTextarea(),
        help_text=MARKDOWN_HELP,
    )
    what_was_done = forms.CharField(
        label=_("What was done"),
        max_length=MAX_DOCUMENT_MARKDOWN_LENGTH,
        widget=MarkdownTextarea(),
        help_text=MARKDOWN_HELP,
    )
    implementation = forms.CharField(
        label=_("How it was implemented"),
        max_length=MAX_DOCUMENT_MARKDOWN_LENGTH,
        required=False,
        widget=MarkdownTextarea(),
        help_text=MARKDOWN_HELP,
    )
    results = forms.CharField(
        label=_("Results and evidence"),
        max_length=MAX_DOCUMENT_MARKDOWN_LENGTH,
        required=False,
        widget=MarkdownTextarea(),
        help_text=MARKDOWN_HELP,
    )
    lessons = forms.CharField(
        label=_("Lessons"),
        max_length=MAX_DOCUMENT_MARKDOWN_LENGTH,
        required=False,
        widget=MarkdownTextarea(),
    )
    transferability = forms.CharField(
        label=_("Transferability notes"),
        max_length=MAX_DOCUMENT_MARKDOWN_LENGTH,
        required=False,
        widget=MarkdownTextarea(),
        help_text=_("What another country or province would need in order to adopt it."),
    )
    year_launched = forms.IntegerField(
        label=_("Year launched"), required=False, min_value=1947, max_value=2100
    )
    stage = ModelIdChoiceField(
        label=_("Stage"),
        queryset=InnovationStage.objects.all(),
        required=False,
        empty_label=_("Not specified"),
    )
    government_level = ModelIdChoiceField(
        label=_("Level of government"),
        queryset=GovernmentLevel.objects.all(),
        required=False,
        empty_label=_("Not specified"),
    )
    countries = ModelIdMultipleChoiceField(
        label=_("Countries"),
        # Any country (a reform abroad can inspire one here), the network's eight first.
        queryset=Country.objects.region_first(),
        widget=FilterableCheckboxSelectMultiple,
    )
    places = ModelIdMultipleChoiceField(
        label=_("Provinces, divisions or districts"),
        queryset=Place.objects.all(),
        widget=PlaceCheckboxes,
        required=False,
        help_text=_("The most precise that apply: a district counts for its province too."),
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
        widget=FilterableCheckboxSelectMultiple,
        help_text=_("Network members that carried it out. Tick as many as apply."),
    )
    original_language = forms.ChoiceField(
        label=_("Language of the original"),
        choices=OriginalLanguage.choices,
        initial=OriginalLanguage.ENGLISH,
        help_text=_("The language the case was first documented in, shown with the case study."),
    )
    sources = forms.CharField(
        label=_("Sources"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: Title | https://link (the link is optional)."),
    )
    licence = forms.ChoiceField(
        label=_("Licence"),
        choices=CONTRIBUTOR_CHOICES,
        initial=DEFAULT_LICENCE,
        widget=forms.RadioSelect,
        help_text=_(
            "The terms on which others may reuse this case study once it is published. "
            "CC BY 4.0 lets anyone share and adapt it as long as they credit your institution. "
            "Choose it only if your institution may grant it for everything you submit."
        ),
    )
    attachments = MultipleUploadField(label=_("Attachments"), policy=ATTACHMENT_POLICY)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["implementing_partners"].queryset = (
            PartnerPage.objects.live().public().order_by("title")
        )
        self.fields["attachments"].help_text = ngettext(
            "Up to %(count)s file (%(types)s), at most %(size)s.",
            "Up to %(count)s files (%(types)s), each at most %(size)s.",
            MAX_ATTACHMENTS,
        ) % {
            "count": MAX_ATTACHMENTS,
            "types": ", ".join(ATTACHMENT_POLICY.extensions),
            "size": filesizeformat(ATTACHMENT_POLICY.max_bytes),
        }

    #: Sections folded in a <details> unless something in them is filled in.
    OPTIONAL_SECTIONS = {
        "story_details": ("implementation", "results", "lessons", "transferability"),
        "topics": ("themes", "sdgs"),
    }

    def open_sections(self) -> dict[str, bool]:
        return {name: has_input(self, fields) for name, fields in self.OPTIONAL_SECTIONS.items()}

    def clean_sources(self):
        return parse_sources(self.cleaned_data.get("sources", ""))

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(
                ngettext(
                    "Attach at most %(count)s file.",
                    "Attach at most %(count)s files.",
                    MAX_ATTACHMENTS,
                )
                % {"count": MAX_ATTACHMENTS}
            )
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
            "places": list(page.places.all()),
            "themes": list(page.themes.all()),
            "sdgs": list(page.sdgs.all()),
            "implementing_partners": list(page.implementing_partners.all()),
            "original_language": page.original_language,
            "licence": page.licence,
            "sources": "\n".join(
                " | ".join(p for p in (block.value.get("title"), block.value.get("url")) if p)
                for block in page.sources
            ),
        }
