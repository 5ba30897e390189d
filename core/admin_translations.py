"""wagtail-localize's "Translate this page" and "Sync translated pages" in the page explorer,
with what they need read once per listing instead of once per row.

wagtail-localize decides both buttons per listed page with two to four queries each (is there
a locale without a real translation of the page; is the page the source of enabled
translations), so the explorer's query count grew with its number of rows. Here the explorer's
queryset answers both questions as annotations (``translation_actions_annotate``, through
``construct_explorer_page_queryset``) and ``translation_listing_buttons`` replaces
wagtail-localize's listing hook, reading them. A page that comes without the annotations (a
listing that does not go through that hook) gets wagtail-localize's own buttons, queries and
all, so the buttons are the same everywhere.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.models import Locale, Page
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.models import Translation, TranslationSource

#: Whether some locale has no real (non-alias) version of the page yet.
_HAS_LOCALE_TO_TRANSLATE_TO = "_translation_has_locale_to_translate_to"
#: The page's translation source when it has enabled translations to sync, else None.
_SYNC_SOURCE_ID = "_translation_sync_source_id"
_LISTING_HOOK = "register_page_listing_more_buttons"


def translation_actions_annotate(pages: QuerySet) -> QuerySet:
    """``pages`` with the answers of wagtail-localize's two questions per row, as subqueries."""
    real_versions = Page.objects.filter(
        translation_key=OuterRef(OuterRef("translation_key")), alias_of__isnull=True
    ).values("locale_id")
    enabled = Translation.objects.filter(source=OuterRef("pk"), enabled=True)
    sources = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"),
        object__content_type=ContentType.objects.get_for_model(Page),
        locale_id=OuterRef("locale_id"),
    ).filter(Exists(enabled))
    return pages.annotate(
        **{
            _HAS_LOCALE_TO_TRANSLATE_TO: Exists(Locale.objects.exclude(id__in=real_versions)),
            _SYNC_SOURCE_ID: Subquery(sources.values("pk")[:1]),
        }
    )


def translation_listing_buttons(page, user, view_name=None, next_url=None):
    """wagtail-localize's listing buttons for ``page``, from the annotations when present
    (the same plain ``Button`` it yields, so the row's menu looks the same)."""
    if not hasattr(page, _HAS_LOCALE_TO_TRANSLATE_TO):
        yield from localize_hooks.page_listing_more_buttons(page, user, view_name, next_url)
        return
    if page.is_root() or not user.has_perm("wagtail_localize.submit_translation"):
        return
    if getattr(page, _HAS_LOCALE_TO_TRANSLATE_TO):
        # An alias is translated from the page it stands for.
        url = reverse(
            "wagtail_localize:submit_page_translation", args=[page.alias_of_id or page.id]
        )
        yield Button(
            _("Translate this page"), url, priority=60, icon_name="wagtail-localize-language"
        )
    source_id = getattr(page, _SYNC_SOURCE_ID)
    if source_id is not None:
        url = reverse("wagtail_localize:update_translations", args=[source_id])
        if next_url is not None:
            url += "?" + urlencode({"next": next_url})
        yield Button(_("Sync translated pages"), url, priority=60, icon_name="resubmit")


def localize_listing_hook_replace() -> None:
    """Put ``translation_listing_buttons`` where wagtail-localize registered its listing hook
    (same order), so each row gets the buttons once. Wagtail has no call to unregister a hook;
    its registry is a list per hook name. Loud if wagtail-localize's hook is not found (after
    an upgrade), rather than showing every button twice."""
    registered = hooks._hooks.get(_LISTING_HOOK, [])
    if any(fn is translation_listing_buttons for fn, _order in registered):
        return
    replaced = [
        (
            translation_listing_buttons if fn is localize_hooks.page_listing_more_buttons else fn,
            order,
        )
        for fn, order in registered
    ]
    if replaced == registered:
        raise RuntimeError(
            f"wagtail-localize's {_LISTING_HOOK} hook (page_listing_more_buttons) was not found:"
            " core.admin_translations must be updated for this wagtail-localize version."
        )
    hooks._hooks[_LISTING_HOOK] = replaced
