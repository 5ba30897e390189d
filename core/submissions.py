"""Acting once per form: a resubmitted or double-clicked form does not post twice.

Each form carries a random ``submission_token`` (``OnceOnlyFormMixin``). The first submission
with a token claims it in the shared cache (Redis in production) and records where it led; a
later submission with the same token is not acted on again and goes to the same place.
"""

import uuid
from collections.abc import Callable

from django import forms
from django.core.cache import cache

# Long enough to cover a person coming back to a stale tab and pressing "send" again.
TOKEN_LIFETIME_SECONDS = 24 * 60 * 60
_IN_PROGRESS = "in-progress"


class OnceOnlyFormMixin:
    """For a ``Form`` or ``ModelForm``: a hidden token, new for every unbound form, which a
    re-displayed form (after an error) keeps."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submission_token"] = forms.CharField(
            widget=forms.HiddenInput, required=False, max_length=64, initial=uuid.uuid4().hex
        )


def submit_once(*, user, token: str, act: Callable[[], str]) -> tuple[str | None, bool]:
    """Run ``act`` (save, return the address to go to next) unless ``token`` was already used.

    Returns ``(address, acted)``. For a repeat, ``address`` is where the first submission went,
    or None while the first one is still being saved. Without a token (a client that sends none)
    it simply acts. If ``act`` fails, the token is released so the person can send again.
    """
    if not token:
        return act(), True
    key = f"submission:{user.pk}:{token}"
    if not cache.add(key, _IN_PROGRESS, TOKEN_LIFETIME_SECONDS):
        previous = cache.get(key)
        return (None if previous == _IN_PROGRESS else previous), False
    try:
        address = act()
    except BaseException:
        cache.delete(key)
        raise
    cache.set(key, address, TOKEN_LIFETIME_SECONDS)
    return address, True
