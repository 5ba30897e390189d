from django.apps import AppConfig


class LabsConfig(AppConfig):
    name = "labs"
    label = "labs"

    def ready(self):
        # Imported when the registry is ready: apps.py itself is imported before any model is.
        from django.db.models.signals import post_save
        from wagtail.signals import page_published, page_unpublished

        from core.dashboard import register_dashboard_panel
        from core.signals import account_erased as account_erased_signal
        from knowledge.models import FindingPage
        from network.contributions import register_counted_content, register_partner_list

        from . import dashboard, selectors
        from .models import LabPage
        from .signals import (
            account_erased,
            finding_published,
            finding_unpublished,
            lab_page_saved,
        )

        for provider in (
            dashboard.lead_requests_panel,
            dashboard.labs_panel,
            dashboard.spaces_panel,
            dashboard.activity_panel,
        ):
            register_dashboard_panel(provider)
        post_save.connect(lab_page_saved, sender=LabPage, dispatch_uid="labs.lab_page_saved")
        page_published.connect(
            finding_published, sender=FindingPage, dispatch_uid="labs.finding_published"
        )
        page_unpublished.connect(
            finding_unpublished, sender=FindingPage, dispatch_uid="labs.finding_unpublished"
        )
        account_erased_signal.connect(account_erased, dispatch_uid="labs.account_erased")
        register_counted_content(name="labs", published=selectors.labs_live)
        register_partner_list(
            context_name="partner_labs", page_param="labs", pages_of=selectors.labs_of_university
        )
