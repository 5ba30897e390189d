from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyLabSiteConfig(AppConfig):
    name = "policylab_site"
    label = "policylab_site"
    verbose_name = _("Site")

    def ready(self):
        from .navigation import navigation_connect_signals

        navigation_connect_signals()
