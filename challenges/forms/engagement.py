"""Forms of a live brief's conversation: questions, answers, updates."""

from django import forms
from django.utils.translation import gettext_lazy as _

from challenges.forms.widgets import MARKDOWN_HELP, markdown_area
from challenges.models import (
    ChallengeQuestion,
    ChallengeUpdate,
)
from core.submissions import OnceOnlyFormMixin


class QuestionForm(OnceOnlyFormMixin, forms.ModelForm):
    class Meta:
        model = ChallengeQuestion
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}
        labels = {"body": _("Your question")}
        help_texts = {"body": _("Questions and answers are public once the owner answers.")}


class AnswerForm(forms.ModelForm):
    class Meta:
        model = ChallengeQuestion
        fields = ["answer"]
        widgets = {"answer": markdown_area(3)}
        help_texts = {"answer": MARKDOWN_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].required = True


class UpdateForm(forms.ModelForm):
    class Meta:
        model = ChallengeUpdate
        fields = ["title", "body"]
        widgets = {"body": markdown_area()}
