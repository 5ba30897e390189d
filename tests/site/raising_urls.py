"""URLconf for the 500-page test: the site's own URLs plus one view that fails."""

from django.urls import path

from policylab_site.urls import urlpatterns as site_urlpatterns


def broken_view(request):
    raise RuntimeError("Deliberate failure to exercise the 500 page")


urlpatterns = [path("broken-on-purpose/", broken_view), *site_urlpatterns]
