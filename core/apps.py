from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _site_sync_after_migrate(sender, apps, using, **kwargs):
    """Every deployment runs migrate: keep Wagtail's Site at SITE_URL's address from then on."""
    try:
        apps.get_model("wagtailcore", "Site")
    except LookupError:  # wagtailcore not migrated in this run (partial migrate)
        return
    # Not at the top: apps.py is imported while the app registry fills, before Wagtail's
    # models (which core.services imports) may be loaded.
    from .services import site_sync_with_setting

    site_sync_with_setting(using=using)


class CoreConfig(AppConfig):
    name = "core"
    label = "core"

    def ready(self):
        # These modules import models (Wagtail's and core's), which apps.py may not do at import
        # time: the app registry is still filling then.
        from . import (
            checks,  # noqa: F401 - registers the system checks
            documents,
            page_cache,
            scheduled_publishing,
        )
        from .slugs import page_slugs_accept_marks
        from .spreadsheets import spreadsheet_exports_guard

        spreadsheet_exports_guard()
        page_slugs_accept_marks()
        documents.connect()
        page_cache.connect()
        scheduled_publishing.connect()
        post_migrate.connect(_site_sync_after_migrate, sender=self)
