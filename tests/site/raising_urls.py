"""URLconf for the error-page tests: the site's own URLs plus views that fail on purpose."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from policylab_site.urls import urlpatterns as site_urlpatterns


def broken_view(request):
    raise RuntimeError("Deliberate failure to exercise the 500 page")


def forbidden_view(request):
    raise PermissionDenied


def suspicious_view(request):
    raise SuspiciousOperation("Deliberately malformed")


urlpatterns = [
    path("broken-on-purpose/", broken_view),
    path("forbidden-on-purpose/", forbidden_view),
    path("suspicious-on-purpose/", suspicious_view),
    *site_urlpatterns,
]
