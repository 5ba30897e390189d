"""System checks: the site's public address is set once (SITE_URL) and everything agrees.

They run at start-up (runserver, every management command, ``check --deploy``).
"""

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.db import DatabaseError
from wagtail.models import Site

from .addresses import SiteUrlError, site_origin


@register()
def site_address_check(app_configs=None, **kwargs):

    try:
        origin = site_origin()
    except SiteUrlError as error:
        return [Error(str(error), hint="Set SITE_URL in the environment.", id="core.E001")]
    problems = []
    for name in ("WAGTAILADMIN_BASE_URL", "WAGTAILAPI_BASE_URL"):
        value = getattr(settings, name, None)
        if value is not None and value.rstrip("/") != settings.SITE_URL.rstrip("/"):
            problems.append(
                Error(
                    f"{name} is {value!r} but SITE_URL is {settings.SITE_URL!r}.",
                    hint=f"Leave {name} derived from SITE_URL (site/settings/base.py).",
                    id="core.E002",
                )
            )
    problems += _default_site_mismatch(origin)
    return problems


def _default_site_mismatch(origin) -> list:
    """Compare Wagtail's default Site with SITE_URL; silent when the database is not ready."""

    try:
        site = Site.objects.filter(is_default_site=True).only("hostname", "port").first()
    except DatabaseError:  # not migrated yet, or unreachable: migrate will sync it
        return []
    if site is None or (site.hostname, site.port) == (origin.hostname, origin.port):
        return []
    return [
        Warning(
            f"Wagtail's default Site is {site.root_url} but SITE_URL is {origin.root_url}: "
            "the sitemap, the API and Wagtail's emails would point at the wrong address.",
            hint="Run `manage.py migrate`, which sets the Site from SITE_URL, and do not edit "
            "the default Site's host name or port in the admin.",
            id="core.W001",
        )
    ]
