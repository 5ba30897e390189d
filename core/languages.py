"""Which interface language a person reads, and the address of the current page in each.

Public addresses carry the language: English unprefixed (``/knowledge/``), the others under
their code (``/ur/knowledge/``). A bare address is where a first visit lands, so it follows the
person: the language they chose on this site (cookie), else the one on their profile, else
their browser's ``Accept-Language``.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str
    url: str
    is_current: bool


def language_is_supported(code: str | None) -> bool:
    return code in LANGUAGE_CODES


def language_of_profile(user) -> str:
    profile = getattr(user, "profile", None) if user.is_authenticated else None
    return profile.language if profile is not None else ""


def language_preferred(request: HttpRequest) -> str:
    """The language a bare (unprefixed) address should be shown in for this request."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if language_is_supported(chosen):
        return chosen
    from_profile = language_of_profile(request.user)
    if language_is_supported(from_profile):
        return from_profile
    # The header only: Django's get_language_from_request would also read the cookie and path.
    for code, _quality in translation.trans_real.parse_accept_lang_header(
        request.headers.get("Accept-Language", "")
    ):
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def path_in_language(path: str, code: str) -> str | None:
    """``path`` (an address in the active language) in language ``code``, if it has one there.

    Only addresses under ``i18n_patterns`` have one; the admin, documents and the sitemap keep
    theirs, so they answer None.
    """
    translated = translate_url(path, code)
    return translated if translated != path else None


def address_in_language(url: str, code: str) -> str:
    """Any address of this site (``/ur/search/?q=x``), as it reads in language ``code``.

    ``translate_url`` resolves in the active language, so it runs in the address's own.
    """
    own_language = translation.get_language_from_path(urlsplit(url).path)
    with translation.override(own_language or settings.LANGUAGE_CODE):
        return translate_url(url, code)


def language_versions(request: HttpRequest) -> list[LanguageVersion]:
    """The current address in every interface language, for the switcher and hreflang links."""
    current = translation.get_language()
    path = request.path
    versions = []
    for code, name in settings.LANGUAGES:
        url = translate_url(path, code)
        versions.append(LanguageVersion(code=code, name=name, url=url, is_current=code == current))
    return versions


@dataclass(frozen=True)
class ContentLanguage:
    """The language a piece of content is written in, as HTML's ``lang`` and ``dir`` want it."""

    code: str
    direction: str  # "rtl" or "ltr"


def content_language(subject, *, request: HttpRequest | None = None) -> ContentLanguage | None:
    """The (lang, dir) of a page or of a language code; None when there is nothing to mark
    (no code, or something that is not a page).

    A page is in the language of its Wagtail locale: that is the one notion of a page's
    language (a translation lives in its own locale). Given the request, the locales are read
    once for it, so a list of cards costs one query rather than one per card.
    """
    code = (
        subject if isinstance(subject, str) or subject is None else _page_language(subject, request)
    )
    if not code:
        return None
    base = code.split("-")[0]
    return ContentLanguage(code=code, direction="rtl" if base in settings.LANGUAGES_BIDI else "ltr")


def _page_language(page, request: HttpRequest | None) -> str:
    if getattr(page, "locale_id", None) is None:
        return ""
    if request is None or type(page).locale.is_cached(page):
        return page.locale.language_code
    codes = getattr(request, "_locale_language_codes", None)
    if codes is None or page.locale_id not in codes:
        codes = dict(Locale.objects.values_list("pk", "language_code"))
        request._locale_language_codes = codes
    return codes.get(page.locale_id, "")
