"""Site-wide views that belong to no section: /robots.txt."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from core.addresses import absolute_url


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Crawlers may read public pages; accounts, private spaces and the admin are off limits."""
    return render(
        request,
        "robots.txt",
        {"sitemap_url": absolute_url(reverse("sitemap"))},
        content_type="text/plain; charset=utf-8",
    )
