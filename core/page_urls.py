"""Wagtail's front-end URLs, with a page-path pattern that routes slugs holding vowel signs.

Wagtail's own pattern (``[\\w\\-]+`` per segment) leaves out combining marks, so a page whose
slug is ``किसान-भविष्य`` answered 404 (see core.slugs). Include this instead of ``wagtail.urls``.
"""

from django.urls import re_path
from wagtail import urls as wagtail_urls
from wagtail import views

from core.slugs import PAGE_PATH_PATTERN

urlpatterns = [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(PAGE_PATH_PATTERN, views.serve, name="wagtail_serve"),
]
