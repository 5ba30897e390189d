"""What a Wagtail admin user who is not a moderator (a lab lead) may see of the page tree.

Only their own subtrees (where a group gives them page permissions) and the ancestors needed to
reach them, and those ancestors under their published titles: a draft of the home page or the
labs index is its editors' business. Reports and the privacy panel span the whole site (every
page type's last draft, every group's name), so they are the moderators' alone.

Wagtail opens every snippet's chooser to anyone with admin access, whatever their permissions
on the model: a lab lead could list proposed agencies waiting for moderators, verification
requests with official emails, other labs' join requests and invitations. A chooser answers
only to people with a permission on its model, or for reference data whose viewset says
``chooser_open_to_editors`` (countries, themes: what a lab page's form chooses).
"""

import re
from contextvars import ContextVar

from django.apps import apps
from django.http import Http404
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.moderation import is_moderator

# Wagtail's own reports (the site's search-index report checks moderators itself) and the
# privacy panel. Anonymous people are left to Wagtail's login redirect.
MODERATOR_ONLY_ADMIN_PATHS = re.compile(
    r"^/admin/(reports/(page-types-usage|locked|aging-pages|site-history|workflow|workflow_tasks)/"
    r"|pages/\d+/privacy/)"
)

SNIPPET_CHOOSER_PATH = re.compile(r"^/admin/snippets/choose/(?P<app>\w+)/(?P<model>\w+)/")


def snippet_chooser_open(user, app_label: str, model_name: str) -> bool:
    """Whether ``user`` (not a moderator) may use the chooser of a snippet model."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return False
    viewset = getattr(model, "snippet_viewset", None)
    if getattr(viewset, "chooser_open_to_editors", False):
        return True
    return any(
        user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")
        for action in ("view", "add", "change", "delete")
    )


# Who is looking at the admin in this request. Wagtail asks a page for its admin title without
# saying for whom (choosers, breadcrumbs, listings), so the middleware below says it here.
admin_viewer: ContextVar = ContextVar("admin_viewer", default=None)


class AdminTitleForViewerMixin:
    """In the admin, a page the viewer may not edit shows its published title, not a draft's."""

    def get_admin_display_title(self):
        viewer = admin_viewer.get()
        if viewer is not None and not self.permissions_for_user(viewer).can_edit():
            return self.title
        return super().get_admin_display_title()


def every_place(places, request):
    """The place chooser's rule (``WAGTAILAUTOCOMPLETE_ALLOW_PUBLIC_MODELS``): the gazetteer is
    public reference data, every division may be chosen by anyone who edits a page."""
    return places


def scoped_pages(pages, user):
    """``pages`` narrowed to what ``user`` may explore; unchanged for moderators."""
    if is_moderator(user):
        return pages
    explorable = PagePermissionPolicy().explorable_instances(user)
    return pages.filter(pk__in=explorable.values("pk"))


class AdminScopeMiddleware:
    """Site-wide admin screens answer 404 to anyone but moderators, as if absent; every other
    admin screen knows its viewer (see ``AdminTitleForViewerMixin``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        chooser = SNIPPET_CHOOSER_PATH.match(path)
        if (
            (chooser or MODERATOR_ONLY_ADMIN_PATHS.match(path))
            and request.user.is_authenticated
            and not is_moderator(request.user)
            and not (chooser and snippet_chooser_open(request.user, *chooser.groups()))
        ):
            raise Http404
        if not request.path_info.startswith("/admin/") or not request.user.is_authenticated:
            return self.get_response(request)
        token = admin_viewer.set(request.user)
        try:
            return self.get_response(request)
        finally:
            admin_viewer.reset(token)
