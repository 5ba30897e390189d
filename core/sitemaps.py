"""The sitemap: every language's published pages, each with its hreflang alternates, in pages of
``TranslatedPagesSitemap.limit`` pages behind a sitemap index once the site outgrows one."""

from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import prepare_sitemaps
from wagtail.models import Page

from core.languages import published_translations_prefetch

from .addresses import absolute_url

SITEMAPS = {}


class TranslatedPagesSitemap(Sitemap):
    """Wagtail's sitemap lists the site's own (English) tree only; translations live in the
    other languages' trees. Aliases (section pages not translated yet) repeat their original
    and are left out. Each page adds its alternates (``ReaderLanguageAddressMixin``)."""

    #: Pages per sitemap page. Each page's entry names its address for every language (the
    #: alternates), so 100 pages are about 100 KB of XML and a quarter of a second to render;
    #: a page of 500 took over a second.
    limit = 100

    def items(self):

        site = self.get_wagtail_site()
        in_a_tree = Q()
        for home in site.root_page.get_translations(inclusive=True):
            in_a_tree |= Q(path__startswith=home.path)
        return (
            Page.objects.filter(in_a_tree, alias_of__isnull=True)
            .live()
            .public()
            .select_related("locale")
            .order_by("path")
        )

    def _urls(self, page, protocol, domain):

        # As their own page types (a page's address and alternates are its type's), without
        # reading each type's table: nothing in a sitemap entry is a type's own field, and a
        # query per type would make each sitemap page's cost depend on the types it holds.
        items = [item.get_specific(deferred=True) for item in self.paginator.page(page).object_list]
        # The alternates of each page name its translations: read for the whole sitemap page
        # at once, not per page.
        published_translations_prefetch(items)
        urls, last_mods = [], set()
        for item in items:
            for url_info in item.get_sitemap_urls(self.request):
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


SITEMAPS["pages"] = TranslatedPagesSitemap


def sitemap_or_index(request):
    """``/sitemap.xml``: the sitemap itself while it fits in one page (what crawlers read most
    simply), else a sitemap index of its pages (``/sitemap-pages.xml?p=2``...), each built in a
    constant number of queries."""

    sitemaps = prepare_sitemaps(request, SITEMAPS)
    if all(sitemap.paginator.num_pages <= 1 for sitemap in sitemaps.values()):
        return sitemap_views.sitemap(request, sitemaps)
    # Django's own index view names the request's host; every shareable address on this site
    # is on SITE_URL's origin.
    entries = []
    for section, sitemap in sitemaps.items():
        location = absolute_url(reverse("sitemap_section", kwargs={"section": section}))
        for number in range(1, sitemap.paginator.num_pages + 1):
            entries.append(
                sitemap_views.SitemapIndexItem(
                    location if number == 1 else f"{location}?p={number}", None
                )
            )
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


def sitemap_section(request, section: str):
    """One page (``?p=``) of one section of the sitemap index."""
    return sitemap_views.sitemap(request, prepare_sitemaps(request, SITEMAPS), section=section)
