"""Non-page routes of the knowledge app: submissions, feeds and the read-only API."""

from django.urls import include, path

from . import feeds, views
from .api import api_router

app_name = "knowledge"

urlpatterns = [
    path("contribute/case-study/", views.submission_create, name="submit"),
    path("contribute/case-studies/", views.submission_list, name="submissions"),
    path("contribute/case-study/<int:pk>/", views.submission_detail, name="submission"),
    path("contribute/case-study/<int:pk>/edit/", views.submission_edit, name="submission_edit"),
    path("feeds/knowledge/rss/", feeds.KnowledgeRssFeed(), name="feed_rss"),
    path("feeds/knowledge/atom/", feeds.KnowledgeAtomFeed(), name="feed_atom"),
    path("feeds/knowledge/theme/<slug:slug>/rss/", feeds.ThemeRssFeed(), name="feed_theme_rss"),
    path("feeds/knowledge/theme/<slug:slug>/atom/", feeds.ThemeAtomFeed(), name="feed_theme_atom"),
    path(
        "feeds/knowledge/country/<str:code>/rss/", feeds.CountryRssFeed(), name="feed_country_rss"
    ),
    path(
        "feeds/knowledge/country/<str:code>/atom/",
        feeds.CountryAtomFeed(),
        name="feed_country_atom",
    ),
    path("api/v2/", include((api_router.get_urlpatterns(), "api"), namespace="api")),
]
