import pytest
from django.core.cache import cache

ORIGIN = "https://policylab.example.org"


@pytest.fixture(autouse=True)
def fresh_cache():
    """The navigation is cached; every test starts from an empty cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def public_origin(settings, home):
    """SITE_URL set as a deployment sets it, and the Site record synced as migrate does."""
    from core.services import site_sync_with_setting

    settings.SITE_URL = ORIGIN
    # base.py derives these from SITE_URL when settings load.
    settings.WAGTAILADMIN_BASE_URL = ORIGIN
    settings.WAGTAILAPI_BASE_URL = ORIGIN
    site_sync_with_setting()
    return ORIGIN
