"""Read-only JSON API (Wagtail API v2) for published knowledge, partners and events.

Mounted at /api/v2/ by ``knowledge.urls``. Endpoints:

- ``/api/v2/knowledge/`` case studies and findings; filters ``country`` (ISO code),
  ``theme`` (slug), ``published_after`` / ``published_before`` (YYYY-MM-DD), plus
  Wagtail's ``type``, ``search``, ``order``, ``limit``, ``offset`` and ``fields``.
- ``/api/v2/partners/`` partner institutions; filters ``country`` and ``partner_type``.
- ``/api/v2/events/`` network events.

Text fields are plain text (``title``, ``summary``) or the sanitised HTML the page shows
(``*_html``, e.g. ``problem_html``, ``body_html``); the Markdown source is never served.

Only live pages without any view restriction are served, and the answer is the same for
everyone: the API authenticates no one, so a signed-in caller (or one sending HTTP Basic
credentials) cannot see login- or group-restricted pages that Wagtail's own queryset would
admit for them. No documents or images endpoint is registered: attachments of submissions
under moderation must not be listable.
"""

from __future__ import annotations

import datetime

from rest_framework.fields import Field
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageHtmlUrlField, PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from core.addresses import absolute_url
from core.languages import page_own_url, page_published_translations
from network.models import NetworkEventPage, PartnerPage

from .models import CaseStudyPage, FindingPage

KNOWLEDGE_MODELS = (CaseStudyPage, FindingPage)


def _parse_date(value: str, name: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise BadRequestError(f"{name} must be a date like 2025-11-20") from error


class SearchTextGuard(BaseFilterBackend):
    """Answer 400 to search text the database's full-text parser cannot read.

    A NUL byte or an unpaired double quote makes SQLite's FTS raise an OperationalError,
    which would otherwise surface as a 500. Paired quotes (phrases) are fine.
    """

    def filter_queryset(self, request, queryset, view):
        text = request.GET.get("search", "")
        if "\x00" in text:
            raise BadRequestError("search must not contain NUL characters")
        if text.count('"') % 2:
            raise BadRequestError('search has an unpaired double quote (")')
        return queryset


class KnowledgeFilter(BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        country = request.GET.get("country", "").strip().upper()
        theme = request.GET.get("theme", "").strip()
        after = request.GET.get("published_after", "").strip()
        before = request.GET.get("published_before", "").strip()
        if not any((country, theme, after, before)):
            return queryset
        conditions = {}
        if country:
            conditions["countries__code"] = country
        if theme:
            conditions["themes__slug"] = theme
        if after:
            conditions["publication_date__gte"] = _parse_date(after, "published_after")
        if before:
            conditions["publication_date__lte"] = _parse_date(before, "published_before")
        ids = set()
        for model in KNOWLEDGE_MODELS:
            ids |= set(model.objects.filter(**conditions).values_list("pk", flat=True))
        return queryset.filter(pk__in=ids)


class PartnerFilter(BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        country = request.GET.get("country", "").strip().upper()
        partner_type = request.GET.get("partner_type", "").strip()
        if country:
            queryset = queryset.filter(
                pk__in=PartnerPage.objects.filter(country__code=country).values("pk")
            )
        if partner_type:
            queryset = queryset.filter(
                pk__in=PartnerPage.objects.filter(partner_type=partner_type).values("pk")
            )
        return queryset


class PageOwnHtmlUrlField(PageHtmlUrlField):
    """The page's own address, in its own language, whatever language the request is in."""

    def to_representation(self, page):
        return absolute_url(page_own_url(page) or "")


class PageTranslationsField(Field):
    """The page's other published, public translations: language, id and address."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return [
            {
                "locale": code,
                "id": version.pk,
                "html_url": absolute_url(page_own_url(version) or ""),
            }
            for code, version in page_published_translations(page).items()
            if version.pk != page.pk
        ]


class TranslatedPageSerializer(PageSerializer):
    html_url = PageOwnHtmlUrlField(read_only=True)
    translations = PageTranslationsField(read_only=True)


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Live pages outside every view restriction, whoever asks, each with its language
    (``meta.locale``, filter ``?locale=bn``) and its translations (``meta.translations``)."""

    authentication_classes = ()
    base_serializer_class = TranslatedPageSerializer
    meta_fields = [*PagesAPIViewSet.meta_fields, "translations"]
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "translations"]

    def get_base_queryset(self):
        return super().get_base_queryset().public()


class KnowledgeAPIViewSet(PublicPagesAPIViewSet):
    name = "knowledge"
    filter_backends = [SearchTextGuard, KnowledgeFilter, *PagesAPIViewSet.filter_backends]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        ["country", "theme", "published_after", "published_before"]
    )

    def get_base_queryset(self):
        return super().get_base_queryset().type(*KNOWLEDGE_MODELS)


class PartnerAPIViewSet(PublicPagesAPIViewSet):
    name = "partners"
    model = PartnerPage
    filter_backends = [SearchTextGuard, PartnerFilter, *PagesAPIViewSet.filter_backends]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        ["country", "partner_type"]
    )

    def get_base_queryset(self):
        return super().get_base_queryset().type(PartnerPage)


class EventAPIViewSet(PublicPagesAPIViewSet):
    name = "events"
    model = NetworkEventPage
    filter_backends = [SearchTextGuard, *PagesAPIViewSet.filter_backends]

    def get_base_queryset(self):
        return super().get_base_queryset().type(NetworkEventPage)


api_router = WagtailAPIRouter("knowledge:api")
api_router.register_endpoint("knowledge", KnowledgeAPIViewSet)
api_router.register_endpoint("partners", PartnerAPIViewSet)
api_router.register_endpoint("events", EventAPIViewSet)
