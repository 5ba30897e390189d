"""RSS and Atom feeds of newly published knowledge: everything, per theme, per country."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from core.addresses import absolute_url, page_full_url
from core.feeds import XmlSafeAtomFeed, XmlSafeRssFeed
from core.models import Country
from network.models import Theme

from .selectors import knowledge_for_feed

FEED_LENGTH = 30


class KnowledgeRssFeed(Feed):
    feed_type = XmlSafeRssFeed
    title = _("Policy Lab Commons: new case studies and findings")
    description = _("Governance case studies and lab findings from across South Asia.")

    # Absolute addresses from SITE_URL: left alone, Django would prefix the request's host.
    def link(self):
        return absolute_url("/knowledge/")

    def items(self, obj=None):
        return knowledge_for_feed(limit=FEED_LENGTH)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Readers take an RSS description (and Atom's type="html" summary) as HTML, so the
        # plain summary is escaped for them, on top of the XML escaping of the feed itself.
        return escape(item.plain_summary)

    def item_link(self, item):
        return page_full_url(item)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [str(item.content_type_label), *item.theme_names, *item.country_names]

    def item_guid(self, item):
        return f"policylab-knowledge-{item.pk}"

    item_guid_is_permalink = False


class KnowledgeAtomFeed(KnowledgeRssFeed):
    feed_type = XmlSafeAtomFeed
    subtitle = KnowledgeRssFeed.description


class ThemeRssFeed(KnowledgeRssFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Theme, slug=slug)

    def title(self, obj):
        return _("Policy Lab Commons: %(theme)s") % {"theme": obj.name}

    def link(self, obj):
        return absolute_url(f"/knowledge/?theme={obj.slug}")

    def items(self, obj):
        return knowledge_for_feed(theme=obj, limit=FEED_LENGTH)


class ThemeAtomFeed(ThemeRssFeed):
    feed_type = XmlSafeAtomFeed
    subtitle = KnowledgeRssFeed.description


class CountryRssFeed(KnowledgeRssFeed):
    def get_object(self, request, code):
        return get_object_or_404(Country, code=code.upper())

    def title(self, obj):
        return _("Policy Lab Commons: %(country)s") % {"country": obj.name}

    def link(self, obj):
        return absolute_url(f"/knowledge/?country={obj.code}")

    def items(self, obj):
        return knowledge_for_feed(country=obj, limit=FEED_LENGTH)


class CountryAtomFeed(CountryRssFeed):
    feed_type = XmlSafeAtomFeed
    subtitle = KnowledgeRssFeed.description
