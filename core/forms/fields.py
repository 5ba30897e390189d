"""Form fields shared by every app: model choices submitted as ids, file uploads under a policy."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

_STORABLE_ID = re.compile(r"[0-9]{1,18}")


def _has_integer_key(field: forms.ModelChoiceField) -> bool:
    key_field = (
        field.queryset.model._meta.get_field(field.to_field_name)
        if field.to_field_name
        else field.queryset.model._meta.pk
    )
    while key_field.is_relation:  # multi-table models (pages) key on a one-to-one to the parent
        key_field = key_field.target_field
    return isinstance(key_field, models.IntegerField)


class ModelIdChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that calls a tampered id (30 digits, "²", "1.5") an invalid choice.

    Django guards plain integer keys only for exact lookups; a page's key is a one-to-one to
    its parent, so such a value reaches the database and fails with a 500 instead.
    """

    def to_python(self, value):
        if (
            value not in self.empty_values
            and _has_integer_key(self)
            and not _STORABLE_ID.fullmatch(str(value))
        ):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ModelIdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """The multiple-choice twin of ModelIdChoiceField (Django's ``__in`` check has no guard)."""

    def _check_values(self, value):
        if _has_integer_key(self):
            for item in value:
                if not _STORABLE_ID.fullmatch(str(item)):
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": item},
                    )
        return super()._check_values(value)


class UploadField(forms.FileField):
    """One file, checked by an ``core.uploads.UploadPolicy`` (type by content, size)."""

    def __init__(self, *args, policy, **kwargs):
        self.policy = policy
        kwargs["validators"] = [*kwargs.get("validators", ()), policy]
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", policy.accept_attribute)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleUploadField(UploadField):
    """Zero or more files, each checked by the policy; every refusal is listed."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_clean = super().clean
        items = data if isinstance(data, list | tuple) else [data]
        files, errors = [], []
        for item in items:
            if not item:
                continue
            try:
                files.append(single_clean(item, initial))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        if self.required and not files:
            raise ValidationError(self.error_messages["required"], code="required")
        return files
