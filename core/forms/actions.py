"""What a form's submit button asked for (preview the Markdown, save a draft), and what a
view does with a form then.
"""

from django.forms.utils import ErrorDict

from core.forms.widgets import MarkdownTextarea

#: The name of the submit button that asks for previews instead of saving (no JavaScript).
MARKDOWN_PREVIEW_ACTION = "markdown_preview"


def markdown_preview_requested(request) -> bool:
    """The person pressed "Preview" (without JavaScript): show, do not save."""
    return request.method == "POST" and MARKDOWN_PREVIEW_ACTION in request.POST


#: The name of the submit button that keeps a half-written form as a private draft.
SAVE_DRAFT_ACTION = "save_draft"


def draft_requested(request) -> bool:
    return request.method == "POST" and SAVE_DRAFT_ACTION in request.POST


def defer_required_fields(form, *, keep: tuple[str, ...] = ("title",)) -> None:
    """For "Save draft": only the fields storage needs (``keep``) stay required; everything
    else is still checked (lengths, choices, dates) but may be left empty until sending."""
    for name, field in form.fields.items():
        if name not in keep:
            field.required = False


def has_input(form, names) -> bool:
    """Whether any of the named fields holds a value or an error: an optional section that
    does must start unfolded, so nothing typed or wrong is hidden."""
    for name in names:
        field = form[name]
        if field.errors or field.value() not in (None, "", [], ()):
            return True
    return False


def show_markdown_previews(*forms_to_preview) -> None:
    """Show each Markdown field's rendered text below it, keeping everything typed.

    A preview is not a submission, so the forms are not validated: a half-written form shows
    no "This field is required" (the errors come when the person sends or saves it).
    """
    for form in forms_to_preview:
        form._errors = ErrorDict()  # validation is for sending, not for looking
        for field in form.fields.values():
            if isinstance(field.widget, MarkdownTextarea):
                field.widget.shows_preview = True
