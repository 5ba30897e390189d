"""Forms of reviewing and selection: scores, inviting reviewers, feedback to a team."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from challenges.models import Proposal
from challenges.models.proposals import MAX_CRITERION_SCORE


class ReviewForm(forms.Form):
    """One score (0–10) and optional comment per judging criterion, plus overall comments."""

    def __init__(self, *args, criteria, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        existing = {}
        if review is not None:
            existing = {score.criterion_id: score for score in review.scores.all()}
        choices = [("", "—")] + [(n, str(n)) for n in range(MAX_CRITERION_SCORE + 1)]
        for criterion in self.criteria:
            score = existing.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("%(name)s — score (weight %(weight)s%%)")
                % {"name": criterion.name, "weight": criterion.weight},
                choices=choices,
                coerce=int,
                initial=score.score if score else "",
                help_text=criterion.description,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on %(name)s") % {"name": criterion.name},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=score.comment if score else "",
            )
        self.fields["comments"] = forms.CharField(
            label=_("Overall comments for the owner"),
            required=False,
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 4}),
            initial=review.comments if review else "",
        )

    @property
    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            criterion.pk: (
                self.cleaned_data[f"score_{criterion.pk}"],
                self.cleaned_data.get(f"comment_{criterion.pk}", ""),
            )
            for criterion in self.criteria
        }


class ReviewerInviteForm(forms.Form):
    person = forms.CharField(
        label=_("Reviewer's email or username"),
        max_length=254,
        help_text=_("They need an account on Policy Lab Commons."),
    )

    def clean_person(self):
        value = self.cleaned_data["person"].strip()
        user = (
            get_user_model()
            .objects.filter(Q(email__iexact=value) | Q(username__iexact=value), is_active=True)
            .first()
        )
        if user is None:
            raise ValidationError(_("Nobody with that email or username has an account yet."))
        return user


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["feedback_to_team"]
        widgets = {"feedback_to_team": forms.Textarea(attrs={"rows": 3})}
