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
from django.db.models import Case, F, IntegerField, Value, When, Window
from django.db.models.functions import RowNumber
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page

from .addresses import absolute_url

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
    if getattr(page, "alias_of_id", None) is not None:
        # A section's stand-in in another locale (locale_tree_ensure) shows its original's words.
        page = page.alias_of
    if request is None or type(page).locale.is_cached(page):
        return page.locale.language_code
    codes = getattr(request, "_locale_language_codes", None)
    if codes is None or page.locale_id not in codes:
        codes = dict(Locale.objects.values_list("pk", "language_code"))
        request._locale_language_codes = codes
    return codes.get(page.locale_id, "")


# Pages: every page has translations (Wagtail locales, one per interface language). A reader
# follows links in their interface language: to the page's translation when one is published,
# else to the original at their language's address, where it is shown with a note
# (policylab_site.models.HomePage.route).


@dataclass(frozen=True)
class PageTranslation:
    code: str
    name: str
    url: str


def language_name_local(code: str) -> str:
    """The language named in its own script, as the switcher names it."""
    return dict(settings.LANGUAGES).get(code, code)


def language_name_in_interface(code: str) -> str:
    """The language named in the active interface language ("Bengali", "بنگالی")."""
    try:
        return str(translation.get_language_info(code)["name_translated"])
    except KeyError:
        return language_name_local(code)


def page_language(page) -> str:
    """The language of ``page``'s locale, read without a query when the locale is cached."""
    return page.locale.language_code


def page_published_translations(page) -> dict:
    """{language code: page} of ``page`` and its live translations anyone may read."""

    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return {page_language(page): page}
    cached = getattr(page, "_published_translations", None)
    if cached is None:
        versions = (
            Page.objects.filter(translation_key=page.translation_key)
            .live()
            .public()
            .select_related("locale")
            .order_by("pk")
        )
        cached = {version.locale.language_code: version for version in versions}
        page._published_translations = cached
    return cached


def published_translations_prefetch(pages) -> None:
    """Fill in the locale and ``page_published_translations`` of every page of ``pages`` in two
    queries (one when their locales are already read), for lists that name each page's
    translations (sitemap alternates) or link each to the reader's language (cards): a card
    in another language than the reader's would otherwise look its translations up alone."""

    pages = list(pages)
    if not pages:
        return
    if not all(Page.locale.is_cached(page) for page in pages):
        locales = Locale.objects.in_bulk()
        for page in pages:
            page.locale = locales[page.locale_id]
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return
    groups: dict = {page.translation_key: {} for page in pages}
    versions = (
        Page.objects.filter(translation_key__in=list(groups))
        .live()
        .public()
        .select_related("locale")
        .order_by("pk")
    )
    for version in versions:
        groups[version.translation_key][version.locale.language_code] = version
    for page in pages:
        page._published_translations = groups[page.translation_key]


def page_own_url(page, request=None) -> str | None:
    """``page``'s address in its own language (canonical, hreflang), whatever the interface."""
    with translation.override(page_language(page)):
        return page.get_url(request=request)


def page_url_in_language(page, code: str, request=None) -> str | None:
    """Where a reader of language ``code`` reads ``page``: its translation's address when one
    is published, else the original's address under ``code`` (served with a note)."""
    with translation.override(code):
        return page.get_url(request=request)


def page_translations_also_in(page, request=None) -> list[PageTranslation]:
    """The page's other published translations, for "Also in: বাংলা" links."""
    own = page_language(page)
    return [
        PageTranslation(
            code=code, name=language_name_local(code), url=page_own_url(version, request)
        )
        for code, version in sorted(
            page_published_translations(page).items(),
            key=lambda item: LANGUAGE_CODES.index(item[0]) if item[0] in LANGUAGE_CODES else 99,
        )
        if code != own and language_is_supported(code)
    ]


def page_versions(page, request) -> list[LanguageVersion]:
    """The page for each interface language's reader, for hreflang links and the switcher."""
    current = translation.get_language()
    return [
        LanguageVersion(
            code=code,
            name=name,
            url=page_url_in_language(page, code, request) or "",
            is_current=code == current,
        )
        for code, name in settings.LANGUAGES
    ]


class ReaderLanguageAddressMixin:
    """A page's links lead to its address in the reader's interface language.

    Wagtail reverses a page's address under the page's own locale, so an English page linked from
    an Urdu page would send the reader out of Urdu. Under another active language, a page answers
    its published translation's address, else its own path under that language's prefix.
    """

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        reader = translation.get_language()
        if (
            parts is None
            or parts[2] is None
            or not getattr(settings, "WAGTAIL_I18N_ENABLED", False)
            or not language_is_supported(reader)
        ):
            return parts
        own = self._get_relevant_site_root_paths(request)[0].language_code
        if reader == own:
            return parts
        version = page_published_translations(self).get(reader)
        if version is not None and version.pk != self.pk:
            return version.get_url_parts(request)
        site_id, root_url, page_path = parts
        with translation.override(own):
            return site_id, root_url, translate_url(page_path, reader)

    def get_sitemap_urls(self, request=None):
        """The page at its own address, with where each language's reader reads it."""

        with translation.override(page_language(self)):
            urls = super().get_sitemap_urls(request)
        alternates = [
            {"lang_code": code, "location": absolute_url(page_url_in_language(self, code))}
            for code in LANGUAGE_CODES
        ]
        for url in urls:
            url["alternates"] = alternates
        return urls


def one_per_translation(pages, language_code: str | None = None):
    """``pages`` with one page per translation group, for listings: the version in the reader's
    language when it is among ``pages``, else the group's first (the original)."""

    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return pages
    code = language_code or translation.get_language()
    # Each group's versions ranked in one pass over the pages, the reader's first, then the
    # original: the listings' cost grows with their matches, so they are read once, not four times.
    readers_first = Case(
        When(locale__language_code=code, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    chosen = (
        Page.objects.filter(pk__in=pages.order_by().values("pk"))
        .annotate(
            version_rank=Window(
                RowNumber(), partition_by=F("translation_key"), order_by=[readers_first, "pk"]
            )
        )
        .filter(version_rank=1)
    )
    return pages.filter(pk__in=chosen.values("pk"))
