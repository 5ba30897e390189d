from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengesConfig(AppConfig):
    name = "challenges"
    label = "challenges"
    verbose_name = _("Challenges")

    def ready(self) -> None:
        from wagtail.signals import page_published

        from core.dashboard import register_dashboard_panel

        from .dashboard import challenges_panel, proposals_panel, reviews_panel
        from .signals import notify_owners_on_publish

        register_dashboard_panel(challenges_panel)
        register_dashboard_panel(proposals_panel)
        register_dashboard_panel(reviews_panel)
        page_published.connect(
            notify_owners_on_publish, dispatch_uid="challenges_notify_on_publish"
        )
