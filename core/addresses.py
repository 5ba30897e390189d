"""The site's public address: SITE_URL is the one origin of every shareable link.

Two things build absolute addresses. The project's own code (canonical links, citations,
calendars, emails) goes through ``absolute_url`` and ``page_full_url`` below, which read
SITE_URL. Wagtail itself (the sitemap, the API's ``html_url``, ``page.full_url`` in its
moderation emails) reads its default Site record, which holds a host name and a port but no
scheme. ``core.services.site_sync_with_setting`` writes SITE_URL into that record after every
``migrate`` and ``seed_demo``; the system check in ``core.checks`` reports any drift.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class SiteOrigin:
    scheme: str
    hostname: str
    port: int

    @property
    def root_url(self) -> str:
        """The origin as Wagtail's Site.root_url spells it (no default port)."""
        if self.port == DEFAULT_PORTS.get(self.scheme):
            return f"{self.scheme}://{self.hostname}"
        return f"{self.scheme}://{self.hostname}:{self.port}"


class SiteUrlError(ValueError):
    """SITE_URL is not an origin Wagtail's Site record can hold."""


def site_origin(site_url: str | None = None) -> SiteOrigin:
    """SITE_URL split into what Wagtail's Site record stores; SiteUrlError says what is wrong."""
    site_url = settings.SITE_URL if site_url is None else site_url
    try:
        parts = urlsplit(site_url)
        port = parts.port
    except ValueError as error:
        raise SiteUrlError(f"SITE_URL {site_url!r} is not a valid address: {error}.") from error
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise SiteUrlError(
            f"SITE_URL {site_url!r} must start with http:// or https:// and name a host, "
            "for example https://policylab.example.org."
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise SiteUrlError(
            f"SITE_URL {site_url!r} must be an origin only (scheme, host and optional port): "
            "the site is served from the root of its host."
        )
    port = port or DEFAULT_PORTS[parts.scheme]
    # Wagtail derives the scheme from the port: 443 is https, anything else http.
    if (parts.scheme == "https") != (port == 443):
        raise SiteUrlError(
            f"SITE_URL {site_url!r} uses {parts.scheme} on port {port}; Wagtail's Site record "
            "can only express https on port 443 and http on any other port."
        )
    return SiteOrigin(scheme=parts.scheme, hostname=parts.hostname, port=port)


def absolute_url(path: str) -> str:
    """The shareable address of a path on this site, e.g. ``/knowledge/x/`` -> SITE_URL + path.

    An address that is already absolute is returned as it is.
    """
    if urlsplit(path).scheme:
        return path
    return settings.SITE_URL.rstrip("/") + "/" + path.lstrip("/")


def page_full_url(page, request=None) -> str:
    """A page's shareable address: its path under SITE_URL ("" for a page not routable)."""
    parts = page.get_url_parts(request)
    if parts is None or parts[2] is None:
        return ""
    return absolute_url(parts[2])
