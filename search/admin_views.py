"""The "Search index" report in the Wagtail admin (Reports menu), for moderators.

Shows which engine answers searches, how many documents each index holds, and the pages whose
Elasticsearch write failed (``SearchPendingWrite``), with a button that retries them now, the
same retry as ``manage.py rebuild_search_index --pending``.
"""

from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from core.moderation import is_moderator

from . import service, status
from .engines.elastic.errors import SearchUnavailable
from .models import SearchPendingWrite

#: Pages one press of "Retry now" writes (each is read and rebuilt from the database): the
#: rest wait for the next press or ``rebuild_search_index --pending``.
RETRY_LIMIT = 500


def can_view_search_index(user) -> bool:
    """Moderators (the "Moderators" group) and superusers, as for every moderation screen."""
    return is_moderator(user)


class PendingPageColumn(TitleColumn):
    """The page's admin title, linking to its edit view; "deleted page" when it is gone."""

    def get_value(self, instance):
        if instance.page is None:
            return _("Deleted page (id %(id)s)") % {"id": instance.page_id}
        return instance.page.get_admin_display_title()

    def get_link_url(self, instance, parent_context):
        if instance.page is None:
            return None
        return reverse("wagtailadmin_pages:edit", args=[instance.page.pk])


class SearchIndexReportView(ReportView):
    template_name = "search/admin/index_status.html"
    results_template_name = "search/admin/index_status_results.html"
    page_title = _("Search index")
    header_icon = "search"
    index_url_name = "search_admin_index_status"
    default_ordering = "failed_at"
    paginate_by = 50
    columns = [
        PendingPageColumn("page", label=_("Page")),
        DateColumn("failed_at", label=_("Last failed"), sort_key="failed_at"),
        Column("attempts", label=_("Failed attempts"), sort_key="attempts"),
        Column("error", label=_("Error"), accessor=lambda r: status.redact_credentials(r.error)),
    ]

    def dispatch(self, request, *args, **kwargs):
        # Wagtail's admin URL wrapper has already sent anonymous people to the login page and
        # turned away people without admin access; PermissionDenied here becomes its usual
        # "no permission" redirect.
        if not can_view_search_index(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.is_export = False  # no spreadsheet export (ReportView offers one): a screen to look at

    def get_base_queryset(self):
        return SearchPendingWrite.objects.all()

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        return queryset.order_by(*queryset.query.order_by, "page_id")

    def decorate_paginated_queryset(self, object_list):
        records = list(object_list)
        pages = Page.objects.in_bulk([r.page_id for r in records])
        for record in records:
            record.page = pages.get(record.page_id)
        return records

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["status"] = status.index_status()
        context["retry_limit"] = RETRY_LIMIT
        return context

    def post(self, request, *args, **kwargs):
        """Retry the pending writes now, then back to the report (post/redirect/get)."""
        if service.elasticsearch_engine() is None:
            messages.error(
                request,
                _("Elasticsearch is not configured, so there is nothing to write to."),
            )
            return redirect(self.index_url_name)
        waiting = service.pending_writes_count()
        try:
            written = service.pending_writes_retry(limit=RETRY_LIMIT)
        except SearchUnavailable as exc:
            remaining = service.pending_writes_count()
            messages.error(
                request,
                ngettext(
                    "Elasticsearch is still unavailable: %(count)d page stays recorded and "
                    "will be retried. The error was: %(error)s",
                    "Elasticsearch is still unavailable: %(count)d pages stay recorded and "
                    "will be retried. The error was: %(error)s",
                    remaining,
                )
                % {"count": remaining, "error": status.redact_credentials(str(exc))[:300]},
            )
            return redirect(self.index_url_name)
        except DatabaseError:
            messages.error(
                request,
                _("The pending writes could not be read from the database; nothing was retried."),
            )
            return redirect(self.index_url_name)
        remaining = service.pending_writes_count()
        if not written:
            messages.success(request, _("Nothing was waiting: Elasticsearch is up to date."))
        else:
            text = ngettext(
                "%(written)d of %(waiting)d pending page written to Elasticsearch.",
                "%(written)d of %(waiting)d pending pages written to Elasticsearch.",
                waiting,
            ) % {"written": written, "waiting": waiting}
            if remaining:
                text += " " + ngettext(
                    "%(remaining)d page is still waiting: press Retry now again.",
                    "%(remaining)d pages are still waiting: press Retry now again.",
                    remaining,
                ) % {"remaining": remaining}
            messages.success(request, text)
        return redirect(self.index_url_name)
