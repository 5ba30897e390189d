"""The form a team uses to propose a finding from its space for the knowledge base."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.forms import (
    MarkdownTextarea,
    ModelIdChoiceField,
    ModelIdMultipleChoiceField,
)
from core.validators import validate_no_control_characters
from knowledge.licences import CONTRIBUTOR_CHOICES, DEFAULT_LICENCE
from labs.models import (
    DeliverableStatus,
    ProjectSpace,
    SpaceRole,
)


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
