"""Forms and form parts shared by every app; import them from here (``from core.forms import
MarkdownTextarea``; settings name ``core.forms.SignupForm``).

The submodules split them by concern: widgets (Markdown, time zone, filterable checkboxes),
fields (id-only model choices, uploads), actions (what a submit button asked for: preview, draft)
and accounts (sign-up, profile, account deletion).
"""

from core.forms.accounts import (
    AccountDeleteForm,
    ProfileForm,
    SignupForm,
)
from core.forms.actions import (
    defer_required_fields,
    draft_requested,
    has_input,
    markdown_preview_requested,
    show_markdown_previews,
)
from core.forms.fields import (
    ModelIdChoiceField,
    ModelIdMultipleChoiceField,
    MultipleUploadField,
    UploadField,
)
from core.forms.widgets import (
    FilterableCheckboxSelectMultiple,
    MarkdownTextarea,
    PlaceCheckboxes,
    SiteTimeZoneDateTimeField,
)

__all__ = [
    "AccountDeleteForm",
    "FilterableCheckboxSelectMultiple",
    "MarkdownTextarea",
    "ModelIdChoiceField",
    "ModelIdMultipleChoiceField",
    "MultipleUploadField",
    "PlaceCheckboxes",
    "ProfileForm",
    "SignupForm",
    "SiteTimeZoneDateTimeField",
    "UploadField",
    "defer_required_fields",
    "draft_requested",
    "has_input",
    "markdown_preview_requested",
    "show_markdown_previews",
]
