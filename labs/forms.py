"""Forms of the labs app: membership, spaces, threads, tasks, files."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.forms import (
    MarkdownTextarea,
    ModelIdChoiceField,
    ModelIdMultipleChoiceField,
    MultipleUploadField,
    UploadField,
)
from core.submissions import OnceOnlyFormMixin
from core.text import MAX_POST_MARKDOWN_LENGTH
from core.validators import validate_no_control_characters
from knowledge.licences import CONTRIBUTOR_CHOICES, DEFAULT_LICENCE
from labs.models import (
    SPACE_FILE_POLICY,
    Cohort,
    Deliverable,
    DeliverableStatus,
    LabJoinRequest,
    LabMembership,
    LabRole,
    Milestone,
    ProjectSpace,
    SignOffDecision,
    SpaceMembership,
    SpaceRole,
    Task,
)

JOINABLE_ROLES = [(value, label) for value, label in LabRole.choices if value != LabRole.LEAD]


def upload_help_text() -> str:
    from django.template.defaultfilters import filesizeformat

    return _("Documents, spreadsheets, slides, images, CSV or ZIP, up to %(limit)s each.") % {
        "limit": filesizeformat(SPACE_FILE_POLICY.max_bytes)
    }


class JoinRequestForm(forms.ModelForm):
    """Pass ``initial={"role": lab_join_role_default(user=...)}``: without a profile role the
    person picks one, rather than being filed under the first role in the list."""

    role = forms.ChoiceField(
        label=_("I am joining as"), choices=[("", _("Choose one…")), *JOINABLE_ROLES]
    )

    class Meta:
        model = LabJoinRequest
        fields = ["role", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "message": _("A few lines on who you are and what you would like to work on."),
        }


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("decline", _("Decline"))], widget=forms.HiddenInput
    )
    reason = forms.CharField(
        label=_("Reason (optional, sent to the person)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=LabRole.choices, initial=LabRole.STUDENT)
    message = forms.CharField(
        label=_("Personal note (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=LabRole.choices)


class RemovalForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional, sent to the person)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ListingForm(forms.ModelForm):
    class Meta:
        model = LabMembership
        fields = ["is_listed"]


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


class FindingProposalForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=255,
        validators=[validate_no_control_characters],
    )
    abstract = forms.CharField(
        label=_("Abstract"),
        max_length=1500,
        widget=MarkdownTextarea(),
        help_text=_(
            "Markdown, up to 1,500 characters. This becomes public once moderators approve."
        ),
    )
    authors = ModelIdMultipleChoiceField(
        label=_("Authors"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    files = ModelIdMultipleChoiceField(
        label=_("Attach (the first PDF becomes the finding's document)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    licence = forms.ChoiceField(
        label=_("Licence"),
        choices=CONTRIBUTOR_CHOICES,
        initial=DEFAULT_LICENCE,
        # Clients that send no choice get the default the form shows preselected.
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "The terms on which others may reuse the finding once it is published. CC BY 4.0 "
            "lets anyone share and adapt it as long as they credit the authors."
        ),
    )

    def clean_licence(self):
        return self.cleaned_data.get("licence") or DEFAULT_LICENCE

    def __init__(self, *args, space: ProjectSpace, **kwargs):
        super().__init__(*args, **kwargs)
        User = get_user_model()
        self.fields["authors"].queryset = User.objects.filter(
            space_memberships__space=space,
            space_memberships__role__in=[SpaceRole.OWNER, SpaceRole.MEMBER],
        )
        self.fields["authors"].label_from_instance = lambda person: person.public_name
        self.fields["files"].queryset = space.files.all()


class FindingDeliverableField(ModelIdChoiceField):
    """The approved deliverable a supervised space's finding comes from."""

    def label_from_instance(self, obj):
        return obj.title


def add_deliverable_choice(form: FindingProposalForm, *, space: ProjectSpace) -> None:
    """In a supervised space the proposal names the deliverable its supervisor approved."""
    form.fields["deliverable"] = FindingDeliverableField(
        label=_("From the approved deliverable"),
        # One finding per sign-off: deliverables already proposed are not offered again.
        queryset=space.deliverables.filter(
            status=DeliverableStatus.APPROVED, findings__isnull=True
        ).order_by("title"),
        empty_label=None,
        help_text=_(
            "This space has a supervisor: only deliverables they approved can be proposed."
        ),
    )
    form.order_fields(["deliverable"])


class PersonLabelMixin:
    def label_from_instance(self, obj):
        return obj.public_name


class PeopleField(PersonLabelMixin, ModelIdMultipleChoiceField):
    pass


class PersonField(PersonLabelMixin, ModelIdChoiceField):
    pass


class CohortForm(forms.ModelForm):
    supervisors = PeopleField(
        label=_("Supervisors"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Faculty of the lab who will supervise the cohort's teams."),
    )

    class Meta:
        model = Cohort
        fields = ["name", "term_start", "term_end", "supervisors"]
        widgets = {
            "term_start": forms.DateInput(attrs={"type": "date"}),
            "term_end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, lab, **kwargs):
        super().__init__(*args, **kwargs)
        User = get_user_model()
        self.fields["supervisors"].queryset = User.objects.filter(
            lab_memberships__lab=lab,
            lab_memberships__role__in=[LabRole.FACULTY, LabRole.LEAD],
            deleted_at__isnull=True,
        ).order_by("display_name", "pk")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("term_start"), cleaned.get("term_end")
        if start and end and end < start:
            self.add_error("term_end", _("The term ends before it starts."))
        return cleaned


class CohortEnrolForm(forms.Form):
    person = PersonChoiceField(
        label=_("Username or email"),
        help_text=_("A member of the lab (students join the lab first)."),
    )


class CohortTeamForm(forms.Form):
    space = ModelIdChoiceField(label=_("Project space"), queryset=None)

    def __init__(self, *args, lab, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = lab.spaces.filter(cohort_team__isnull=True).order_by(
            "title", "pk"
        )


class SupervisorForm(forms.Form):
    supervisor = PersonField(label=_("Supervisor"), queryset=None, required=False)

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = cohort.supervisors.order_by("display_name", "pk")
        self.fields["supervisor"].empty_label = _("Nobody")


class DeliverableForm(forms.ModelForm):
    files = ModelIdMultipleChoiceField(
        label=_("Linked files"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Deliverable
        fields = ["title", "summary", "files"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"summary": _("Plain text: what the deliverable is and what changed.")}

    def __init__(self, *args, space: ProjectSpace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].queryset = space.files.order_by("name", "pk")


class SignOffForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=SignOffDecision.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comments"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you request changes; the team receives them by email."),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") == SignOffDecision.REQUEST_CHANGES
            and not (cleaned.get("comment") or "").strip()
        ):
            self.add_error("comment", _("Say what should change."))
        return cleaned
