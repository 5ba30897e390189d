"""Forms inside a project space: the space and its members, threads, tasks, files."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.forms import (
    MarkdownTextarea,
    MultipleUploadField,
    UploadField,
)
from core.submissions import OnceOnlyFormMixin
from core.text import MAX_POST_MARKDOWN_LENGTH
from core.validators import validate_no_control_characters
from labs.models import (
    SPACE_FILE_POLICY,
    Milestone,
    ProjectSpace,
    SpaceMembership,
    SpaceRole,
    Task,
)


def upload_help_text() -> str:
    from django.template.defaultfilters import filesizeformat

    return _("Documents, spreadsheets, slides, images, CSV or ZIP, up to %(limit)s each.") % {
        "limit": filesizeformat(SPACE_FILE_POLICY.max_bytes)
    }


class SpaceForm(forms.ModelForm):
    class Meta:
        model = ProjectSpace
        fields = ["title", "goal", "status", "start_date", "end_date", "is_listed"]
        widgets = {
            "goal": MarkdownTextarea(),
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return cleaned


class PersonChoiceField(forms.CharField):
    """A person by their public handle or email address."""

    def clean(self, value):
        value = super().clean(value).strip().lstrip("@")
        if not value:
            return None
        User = get_user_model()
        person = (
            User.objects.filter(email__iexact=value, deleted_at__isnull=True).first()
            if "@" in value
            else User.objects.filter(username__iexact=value, deleted_at__isnull=True).first()
        )
        if person is None:
            raise forms.ValidationError(
                _("Nobody with that username or email has an account yet. Ask them to sign up.")
            )
        return person


#: The roles an owner gives; the supervisor is assigned on the cohort's page.
TEAM_ROLE_CHOICES = [
    (value, label) for value, label in SpaceRole.choices if value != SpaceRole.SUPERVISOR
]


class SpaceMemberAddForm(forms.Form):
    person = PersonChoiceField(
        label=_("Username or email"),
        help_text=_(
            "They need an account on Policy Lab Commons. Policymakers may be from outside the lab."
        ),
    )
    role = forms.ChoiceField(label=_("Role"), choices=TEAM_ROLE_CHOICES, initial=SpaceRole.MEMBER)


class SpaceMemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=TEAM_ROLE_CHOICES)


class NotificationPreferenceForm(forms.ModelForm):
    class Meta:
        model = SpaceMembership
        fields = ["notification_preference"]
        widgets = {"notification_preference": forms.RadioSelect}
        labels = {"notification_preference": _("Email me about new posts and mentions")}


class PostForm(OnceOnlyFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Message"),
        max_length=MAX_POST_MARKDOWN_LENGTH,
        widget=MarkdownTextarea(),
        help_text=_(
            "Markdown: **bold**, *italic*, [link](https://…), lists. Mention people with @username."
        ),
    )
    attachments = MultipleUploadField(label=_("Attach files"), policy=SPACE_FILE_POLICY)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = upload_help_text()


class ThreadForm(PostForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        validators=[validate_no_control_characters],
    )
    field_order = ["title", "body", "attachments"]


class PostEditForm(forms.Form):
    body = PostForm.base_fields["body"]


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_date", "description"]
        widgets = {
            "due_date": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class TaskForm(forms.ModelForm):
    class Meta:
        model = Task
        fields = ["title", "description", "milestone", "assignee", "due_date", "status"]
        widgets = {
            "due_date": forms.DateInput(attrs={"type": "date"}),
            "description": MarkdownTextarea(),
        }

    def __init__(self, *args, space: ProjectSpace, **kwargs):
        super().__init__(*args, **kwargs)
        User = get_user_model()
        self.fields["assignee"].queryset = User.objects.filter(
            space_memberships__space=space
        ).order_by("display_name", "username")
        self.fields["assignee"].label_from_instance = lambda person: person.public_name
        self.fields["assignee"].empty_label = _("Nobody yet")
        self.fields["milestone"].queryset = space.milestones.all()
        self.fields["milestone"].empty_label = _("No milestone")


class TaskStatusForm(forms.ModelForm):
    class Meta:
        model = Task
        fields = ["status"]


class FileUploadForm(forms.Form):
    upload = UploadField(label=_("File"), policy=SPACE_FILE_POLICY)
    name = forms.CharField(
        label=_("Name (optional)"),
        required=False,
        max_length=255,
        validators=[validate_no_control_characters],
        help_text=_("Defaults to the file's name."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = upload_help_text()


class FileReplaceForm(forms.Form):
    upload = FileUploadForm.base_fields["upload"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = upload_help_text()
