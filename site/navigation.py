"""The main navigation: which section index pages exist, cached so requests cost no queries.

The links depend only on the published, public section index pages of each Wagtail site, so they
are built once per host and kept in the cache until a page or site changes (see
`navigation_connect_signals`, wired up in PolicyLabSiteConfig.ready). The timeout is the safety net
for changes a signal cannot reach: with a shared cache (Redis) every worker sees the invalidation,
but a per-process local-memory cache only hears its own process, so it keeps menus briefly.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

CACHE_KEY = "policylab:main-navigation:v1"
SHARED_CACHE_SECONDS = 10 * 60
LOCAL_CACHE_SECONDS = 60

# (key, model label, label) in menu order; the key is stable for templates and tests.
SECTIONS = [
    ("labs", "labs.LabIndexPage", _("Labs")),
    ("challenges", "challenges.ChallengeIndexPage", _("Challenges")),
    ("knowledge", "knowledge.KnowledgeIndexPage", _("Knowledge")),
    ("network", "network.NetworkIndexPage", _("Network")),
]
LABELS = {key: label for key, _model, label in SECTIONS}

# The pages every institution's site needs (site.demo seeds them), found by their slug under
# the home page; the footer links each one that is published.
INSTITUTION_PAGE_SLUGS = ("about", "contact", "privacy", "terms", "accessibility", "licence")


def _section_urls_build(request) -> dict[str, str]:
    """{section key: url} of the first live, public index page of each section type."""

    content_types = ContentType.objects.get_for_models(
        *(apps.get_model(model_label) for _key, model_label, _label in SECTIONS)
    )
    key_by_content_type = {
        content_types[apps.get_model(model_label)].pk: key for key, model_label, _l in SECTIONS
    }
    site = Site.find_for_request(request)
    site_root_path = site.root_page.path if site is not None else ""
    pages = (
        Page.objects.live()
        .public()
        .filter(content_type_id__in=key_by_content_type)
        .only("id", "path", "url_path", "content_type_id", "depth")
        .order_by("depth", "path")
    )
    urls: dict[str, str] = {}
    # Prefer the section pages of the site being visited, then any other site's.
    ordered = sorted(pages, key=lambda page: not page.path.startswith(site_root_path))
    for page in ordered:
        key = key_by_content_type[page.content_type_id]
        if key not in urls:
            url = page.get_url(request=request, current_site=site)
            if url:
                urls[key] = url
    # The footer's links to the institution's pages: the site's top-level pages with these
    # slugs, if published and public.
    if site is not None:
        pages = (
            Page.objects.live()
            .public()
            .child_of(site.root_page)
            .filter(slug__in=INSTITUTION_PAGE_SLUGS)
            .only("id", "path", "url_path", "depth", "slug")
        )
        for page in pages:
            urls[page.slug] = page.get_url(request=request, current_site=site) or ""
    return urls


def _cache_seconds() -> int:

    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    return LOCAL_CACHE_SECONDS if backend.endswith("LocMemCache") else SHARED_CACHE_SECONDS


def section_urls(request) -> dict[str, str]:
    """{section key: url} for the visited host and language, from the cache when possible."""
    try:
        host = request.get_host()
    except DisallowedHost:
        # Error pages for requests with a forged Host header still render, without a menu.
        return {}
    # Page addresses depend on the reader's language (/ur/knowledge/ in Urdu).
    key = f"{host}|{get_language()}"
    by_host = cache.get(CACHE_KEY) or {}
    if key not in by_host:
        by_host = {**by_host, key: _section_urls_build(request)}
        cache.set(CACHE_KEY, by_host, _cache_seconds())
    return by_host[key]


def main_navigation(request) -> list[dict]:
    """Menu items: {key, label, url, active, current}; sections without a published page are left out.

    `current` is the aria-current value: "page" on the section's own page, "true" anywhere below it.
    """
    urls = section_urls(request)
    items = [
        {"key": key, "label": LABELS[key], "url": urls[key]}
        for key, _model, _label in SECTIONS
        if key in urls
    ]
    items.append({"key": "search", "label": _("Search"), "url": reverse("search:search")})
    path = request.path
    for item in items:
        url = item["url"]
        item["active"] = url.startswith("/") and url != "/" and path.startswith(url)
        item["current"] = ("page" if path == url else "true") if item["active"] else ""
    return items


def navigation_invalidate(**kwargs) -> None:
    """Signal receiver: forget every cached menu (pages or sites changed).

    Deletes now and again after the surrounding transaction commits, so a request that rebuilt
    the menu from not-yet-committed data in between cannot leave a stale copy behind.
    """

    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def _navigation_invalidate_on_model_change(sender, **kwargs) -> None:

    if issubclass(sender, (Page, Site, PageViewRestriction)):
        navigation_invalidate()


def navigation_connect_signals() -> None:

    uid = "policylab_site.navigation"
    page_published.connect(navigation_invalidate, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(navigation_invalidate, dispatch_uid=f"{uid}.unpublished")
    post_page_move.connect(navigation_invalidate, dispatch_uid=f"{uid}.moved")
    # Page subclasses send post_save/post_delete with their own class as sender, so listen to all
    # senders and filter: saving or deleting a page may change a section's slug or existence.
    receiver = _navigation_invalidate_on_model_change
    post_save.connect(receiver, dispatch_uid=f"{uid}.saved")
    post_delete.connect(receiver, dispatch_uid=f"{uid}.deleted")
