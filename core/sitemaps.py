"""The sitemap: every language's published pages, each with its hreflang alternates."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap


class TranslatedPagesSitemap(Sitemap):
    """Wagtail's sitemap lists the site's own (English) tree only; translations live in the
    other languages' trees. Aliases (section pages not translated yet) repeat their original
    and are left out. Each page adds its alternates (``ReaderLanguageAddressMixin``)."""

    def items(self):
        from wagtail.models import Page

        site = self.get_wagtail_site()
        in_a_tree = Q()
        for home in site.root_page.get_translations(inclusive=True):
            in_a_tree |= Q(path__startswith=home.path)
        return (
            Page.objects.filter(in_a_tree, alias_of__isnull=True)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
