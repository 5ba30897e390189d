import datetime as dt
import zoneinfo

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.models import Page

from core import languages
from core.addresses import absolute_url
from core.metadata import share_metadata as page_share_metadata
from core.page_cache import cached_until_content_changes
from core.time_zones import same_clock, zone_abbreviation, zone_or_none

register = template.Library()


@register.filter
def person(user) -> str:
    """A user's public name; "Former member" once the account is deleted, "—" for none."""
    if user is None:
        return "—"
    return user.public_name


@register.filter
def bdi(value) -> str:
    """{{ name|bdi }}: short text people typed, isolated inside an interface sentence.

    A name in Urdu inside "X posted in Y" would otherwise reorder the words around it; <bdi>
    keeps its direction to itself, and works inside {% blocktranslate with %} too.
    """
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def machine_datetime(value) -> str:
    """{{ moment|machine_datetime }}: the value of <time datetime>, valid HTML for every value.

    A moment to the second in the current time zone with its offset (HTML allows at most three
    digits of a second; Python's isoformat gives six), a date as YYYY-MM-DD, nothing as "".
    """
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return ""


@register.simple_tag
def trail(*labels_and_urls):
    """Breadcrumb pairs for non-page views: {% trail "Account" url "Email" "" as crumbs %}."""
    items = list(labels_and_urls)
    return list(zip(items[::2], items[1::2], strict=False))


@register.simple_tag
def person_link(user):
    """{% person_link user %}: the public name, linked to the profile only when others may see it.

    Deleted, deactivated and private profiles give the plain name, so no link leads to a 404.
    """
    if user is None:
        return "—"
    name = user.public_name
    if user.deleted_at or not user.is_active:
        return name
    profile = getattr(user, "profile", None)
    if profile is None or not profile.is_public:
        return name
    return format_html('<a href="{}">{}</a>', user.get_absolute_url(), name)


@register.inclusion_tag("core/includes/share_metadata.html", takes_context=True)
def share_metadata(context):
    """{% share_metadata %}: canonical link, Open Graph and Twitter card of the current page."""
    page = context.get("page")
    if not isinstance(page, Page) or page.pk is None:
        return {"share": None}
    return {"share": page_share_metadata(page, context.get("request"))}


@register.simple_tag(takes_context=True)
def edit_page_link(context):
    """{% edit_page_link %}: a plain link to the current page's editor, for those who may edit it.

    Stands in for Wagtail's userbar outside previews: the userbar brought 1.3 MB of admin CSS
    and JavaScript to every public page an editor or lab lead opened.
    """
    page = context.get("page")
    request = context.get("request")
    user = getattr(request, "user", None)
    if not isinstance(page, Page) or page.pk is None or user is None or not user.is_authenticated:
        return ""
    if not user.has_perm("wagtailadmin.access_admin"):
        return ""
    if not page.permissions_for_user(user).can_edit():
        return ""
    return format_html(
        '<p class="edit-page-link"><a href="{}">{}</a></p>',
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        _("Edit this page"),
    )


@register.simple_tag
def shown_institution(user, viewer) -> str:
    """{% shown_institution person request.user %}: the person's institution where they made it
    public, or to themselves; "" otherwise (a private field stays private from co-members)."""
    profile = getattr(user, "profile", None)
    if profile is None or not profile.institution:
        return ""
    if profile.shows("institution") or getattr(viewer, "pk", None) == user.pk:
        return profile.institution
    return ""


@register.simple_tag(takes_context=True)
def language_versions(context) -> list:
    """{% language_versions as versions %}: this address in every interface language.

    A Wagtail page served at its own address answers, per language, its published translation
    or else its original at that language's address (``languages.page_versions``).
    """
    request = context.get("request")
    if request is None:
        return []
    # Asked twice per page (hreflang links, the switcher): each answer costs an address per
    # language, so the first is kept on the request.
    page = context.get("page")
    key = (getattr(page, "pk", None), languages.translation.get_language())
    remembered = getattr(request, "_language_versions", None)
    if remembered is None:
        remembered = request._language_versions = {}
    if key not in remembered:
        page = _served_page(context)
        if page is not None:
            # The same for every reader of this page on this host (published translations
            # only): worked out once per change of the content, not per request.
            remembered[key] = cached_until_content_changes(
                f"page-versions:{page.pk}:{request.get_host()}",
                lambda: languages.page_versions(page, request),
            )
        else:
            remembered[key] = languages.language_versions(request)
    return remembered[key]


def _served_page(context):
    """The Wagtail page this response shows at its own address (not one of its sub-routes)."""
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or request is None or not page.pk:
        return None
    if languages.page_url_in_language(page, languages.translation.get_language(), request) != (
        request.path
    ):
        return None
    return page


@register.inclusion_tag("core/includes/page_languages.html", takes_context=True)
def page_languages(context) -> dict:
    """{% page_languages %}: "Also in: বাংলা" links to the page's published translations, and a
    note when the page is shown in another language than the interface's (no translation)."""
    page = _served_page(context)
    if page is None:
        return {}
    request = context.get("request")
    reader = languages.translation.get_language()
    shown_in = languages.page_language(page)
    return {
        "also_in": languages.page_translations_also_in(page, request),
        "shown_in": shown_in,
        "untranslated_note": (
            _(
                "This page has not been translated into %(language)s yet; it is shown in %(original)s."
            )
            % {
                "language": languages.language_name_in_interface(reader),
                "original": languages.language_name_in_interface(shown_in),
            }
            if shown_in != reader
            else ""
        ),
    }


@register.simple_tag(takes_context=True)
def content_lang(context, subject) -> str:
    """<h1{% content_lang page %}>: ` lang="ur" dir="rtl"` for a page (its locale) or a code.

    Nothing for an empty code, so the element keeps the language around it.
    """
    language = languages.content_language(subject, request=context.get("request"))
    if language is None:
        return ""
    return format_html(' lang="{}" dir="{}"', language.code, language.direction)


@register.simple_tag(takes_context=True)
def query_kept(context, dropped: str) -> str:
    """{% query_kept "page" as kept %}: the request's query string without ``dropped``, ready
    for ``?{{ kept }}page=2`` (ends with "&" when anything is kept; autoescaped as "&amp;").

    Built once per list of links, not once per link: a pagination bar rebuilt it per page link.
    """
    request = context.get("request")
    if request is None:
        return ""
    kept = request.GET.copy()
    kept.pop(dropped, None)
    return f"{kept.urlencode()}&" if kept else ""


@register.filter(name="absolute_url")
def absolute_url_filter(path: str) -> str:
    """{{ path|absolute_url }}: the address with SITE_URL's scheme and host, for hreflang links."""
    return absolute_url(path)


@register.filter
def when(moment, format_name: str = "DATETIME_FORMAT") -> str:
    """{{ moment|when }}: the moment on the reader's clock, in their language, naming the zone.

    "15 January 2027, 17:00 PKT"; ``|when:"SHORT_DATETIME_FORMAT"`` for "15 Jan 2027, 17:00 PKT".
    The reader's zone is the active one (core.middleware.ReaderTimeZoneMiddleware).
    """
    if not isinstance(moment, dt.datetime):
        return ""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{formats.date_format(local, format_name)} {zone_abbreviation(local)}"


@register.simple_tag
def zoned_time(moment, zone_name: str = ""):
    """{% zoned_time event.starts_at zone %}: the time in the event's zone, then the reader's.

    "15 January 2027, 14:00 PKT (13:30 IST your time)" when the reader's clock differs;
    only the first part when it does not. ``zone_name`` defaults to the site's zone.
    """
    if not isinstance(moment, dt.datetime):
        return ""
    own_zone = zone_or_none(zone_name) or zoneinfo.ZoneInfo(settings.TIME_ZONE)
    there = timezone.localtime(moment, own_zone)
    text = f"{formats.date_format(there, 'DATETIME_FORMAT')} {zone_abbreviation(there)}"
    reader_zone = timezone.get_current_timezone()
    if same_clock(own_zone, reader_zone, moment):
        return format_html('<time datetime="{}">{}</time>', machine_datetime(moment), text)
    here = timezone.localtime(moment, reader_zone)
    same_day = here.date() == there.date()
    reader_text = formats.date_format(here, "TIME_FORMAT" if same_day else "DATETIME_FORMAT")
    return format_html(
        '<time datetime="{}">{}</time> <span class="zoned-time__reader">({})</span>',
        machine_datetime(moment), text,
        _("%(time)s your time") % {"time": f"{reader_text} {zone_abbreviation(here)}"},
    )  # fmt: skip
