from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core.sitemaps import sitemap_or_index, sitemap_section
from core.views import document_serve, language_set, login_elsewhere, page_chooser_search

from .views import robots_txt

urlpatterns = [
    # One sign-in form for the whole site (allauth's): these would bypass its throttle and
    # its verified-email rule, so they only redirect to it.
    path("django-admin/login/", login_elsewhere),
    path("admin/login/", login_elsewhere),
    path("_util/login/", login_elsewhere),
    path("django-admin/", admin.site.urls),
    # Before Wagtail's own: names each result's parent as the viewer may see it (core.views).
    path(
        "admin/choose-page/search/",
        page_chooser_search,
        name="wagtailadmin_choose_page_search",
    ),
    path("admin/", include(wagtailadmin_urls)),
    # Ours first: every document goes through a permission check that answers 404 (core.documents).
    path(
        "documents/<int:document_id>/<path:document_filename>",
        document_serve,
        name="wagtaildocs_serve",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap_or_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap_section, name="sitemap_section"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("language/", language_set, name="language_set"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Everything people read has an address per language: English at /knowledge/…, Urdu at
# /ur/knowledge/…, so each can be linked, shared and indexed (hreflang in base.html).
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("search/", include("search.urls")),
    path("places/", include("search.place_urls")),
    path("", include("network.urls")),
    path("", include("knowledge.urls")),
    path("", include("labs.urls")),
    path("", include("challenges.urls")),
    path("", include("core.urls")),
    # Wagtail's page URLs, routing slugs in every script (core.page_urls).
    path("", include("core.page_urls")),
    prefix_default_language=False,
)
