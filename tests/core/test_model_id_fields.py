"""core.forms.ModelIdChoiceField / ModelIdMultipleChoiceField: tampered ids are invalid choices."""

import pytest
from django import forms
from wagtail.models import Page

from core.forms import ModelIdChoiceField, ModelIdMultipleChoiceField
from core.models import User

pytestmark = pytest.mark.django_db


class PickForm(forms.Form):
    page = ModelIdChoiceField(queryset=Page.objects.all(), required=False)
    people = ModelIdMultipleChoiceField(queryset=User.objects.all(), required=False)


@pytest.mark.parametrize("value", ["9" * 30, "²", "1.5", "-1"])
def test_tampered_ids_are_invalid_choices_not_database_errors(home, value):
    form = PickForm(data={"page": value, "people": [value]})
    assert not form.is_valid()
    assert set(form.errors) == {"page", "people"}


def test_real_ids_still_work(home, user):
    form = PickForm(data={"page": str(home.pk), "people": [str(user.pk)]})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["page"].pk == home.pk
    assert list(form.cleaned_data["people"]) == [user]
