"""Wagtail admin: the "Search index" report (Reports menu), for moderators."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import SearchIndexReportView, can_view_search_index


class SearchIndexMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_search_index(request.user)


@hooks.register("register_reports_menu_item")
def register_search_index_menu_item():
    return SearchIndexMenuItem(
        _("Search index"),
        reverse("search_admin_index_status"),
        name="search-index",
        icon_name="search",
        order=1300,
    )


@hooks.register("register_admin_urls")
def register_search_admin_urls():
    return [
        path(
            "reports/search-index/",
            SearchIndexReportView.as_view(),
            name="search_admin_index_status",
        ),
    ]
