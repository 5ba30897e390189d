from django.http import HttpResponseRedirect
from django.templatetags.static import static
from django.urls import path, reverse, translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.auth import require_admin_access
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.home import RecentEditsPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtailautocomplete import views as autocomplete_views

from .admin_scope import scoped_pages
from .admin_translations import localize_listing_hook_replace, translation_actions_annotate
from .languages import (
    page_language,
    page_own_url,
    page_published_translations,
    published_translations_prefetch,
)
from .models import Country
from .moderation import is_moderator


class CountryViewSet(SnippetViewSet):
    model = Country
    chooser_open_to_editors = True  # public reference data (core.admin_scope)
    icon = "globe"
    menu_label = _("Countries")
    menu_order = 300
    add_to_admin_menu = False
    list_display = ["name", "code", "region"]
    list_filter = ["region"]
    # A plain database lookup: the search index holds names only, and "AZ" must find a code.
    search_fields = ["name", "code"]
    search_backend_name = None


register_snippet(CountryViewSet)


@hooks.register("register_admin_urls")
def place_chooser_urls():
    """The place chooser's search and look-up, where its widget asks (/admin/autocomplete/).

    Not the package's admin URLs: those search any model named in the request, drafts and
    private spaces included. Its public views answer only for the models its allowlist names
    (``WAGTAILAUTOCOMPLETE_ALLOW_PUBLIC_MODELS``: places), here behind admin access.
    """
    return [
        path(
            "autocomplete/search/",
            require_admin_access(autocomplete_views.search),
            name="place_chooser_search",
        ),
        path(
            "autocomplete/objects/",
            require_admin_access(autocomplete_views.objects),
            name="place_chooser_objects",
        ),
    ]


@hooks.register("construct_explorer_page_queryset")
def explorer_reads_translation_actions_once(parent_page, pages, request):
    return translation_actions_annotate(pages)


# wagtail-localize's hooks module was imported by core.admin_translations: its listing hook is
# registered by now, and is replaced by one reading the annotations above.
localize_listing_hook_replace()


class RecentEditsReadingTranslationsOnce(RecentEditsPanel):
    """Wagtail's "Your most recent edits", with the edited pages' translations read for the
    panel: the link to an edit's live page in another language than the editor's would look
    them up alone (``ReaderLanguageAddressMixin``), two queries an edit."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        published_translations_prefetch(page for _edited_at, page in context["last_edits"])
        return context


@hooks.register("construct_homepage_panels")
def recent_edits_read_translations_once(request, panels):
    panels[:] = [
        RecentEditsReadingTranslationsOnce() if type(panel) is RecentEditsPanel else panel
        for panel in panels
    ]


@hooks.register("construct_page_chooser_queryset")
def chooser_shows_only_own_subtrees(pages, request):
    return scoped_pages(pages, request.user)


@hooks.register("construct_reports_menu")
def reports_menu_for_moderators_only(request, menu_items):
    if not is_moderator(request.user):
        menu_items[:] = []


@hooks.register("insert_global_admin_js")
def slugs_keep_their_script():
    """The admin proposes slugs by the server's rule, vowel signs included (core.slugs)."""
    return format_html('<script src="{}"></script>', static("core/admin_slugs.js"))


@hooks.register("before_serve_page")
def reader_gets_their_languages_translation(page, request, serve_args, serve_kwargs):
    """An original served at another language's address (``/ur/knowledge/<english-slug>/``, see
    HomePage.route) sends the reader to that language's translation once one is published,
    at the same sub-route (``…/cite.bib``) if any."""

    reader = translation.get_language()
    own = page_language(page)
    if request.method not in ("GET", "HEAD") or own == reader:
        return None
    version = page_published_translations(page).get(reader)
    if version is None or version.pk == page.pk:
        return None
    with translation.override(own):
        fallback_address = translate_url(page_own_url(page, request) or "", reader)
    url = page_own_url(version, request)
    if not url or not request.path.startswith(fallback_address):
        return None
    return HttpResponseRedirect(url + request.path[len(fallback_address) :])


class FailedTasksMenuItem(MenuItem):
    """Only for people who may read the task results (superusers, or given the permission)."""

    def is_shown(self, request):
        return request.user.is_staff and request.user.has_perm(
            "django_tasks_database.view_dbtaskresult"
        )


@hooks.register("register_reports_menu_item")
def register_failed_tasks_menu_item():
    # The failed attempts of background work (emails, search writes, re-indexing), each with its
    # traceback, in the Django admin's read-only list of django-tasks results.
    return FailedTasksMenuItem(
        _("Failed background tasks"),
        reverse("admin:django_tasks_database_dbtaskresult_changelist") + "?status__exact=FAILED",
        name="failed-background-tasks",
        icon_name="warning",
        order=1310,
    )
