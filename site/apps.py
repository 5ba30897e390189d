from django.apps import AppConfig


class PolicyLabSiteConfig(AppConfig):
    name = "policylab_site"
    label = "policylab_site"
    verbose_name = "Site"
