"""Where a page written in another language goes: its section's translation in that locale."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page


def page_locales_enabled() -> bool:
    """Whether Wagtail's localisation is on: only then does a page in another locale than the
    default have an address (/ur/…), so only then is it worth creating one."""
    return getattr(settings, "WAGTAIL_I18N_ENABLED", False)


@transaction.atomic
def locale_section_ensure(*, index: Page, language_code: str) -> Page:
    """The live translation of the section page ``index`` (the knowledge base, the challenges…)
    in the locale of ``language_code``; the locale and the translation are made on first use.

    A missing translation is copied from ``index`` together with the parents the locale lacks
    (Wagtail's ``copy_for_translation``; parents become aliases of the originals), then
    published, so that pages added under it have an address in that language.
    """
    locale, _created = Locale.objects.get_or_create(language_code=language_code)
    translation = index.get_translation_or_none(locale)
    if translation is None:
        translation = index.copy_for_translation(locale, copy_parents=True)
    if not translation.live:
        translation.save_revision().publish()
    return translation.specific
