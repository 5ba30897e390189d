import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from tests.factories import ProfileFactory, UserFactory, home_page


@pytest.fixture
def home(db):
    return home_page()


@pytest.fixture
def user(db):
    user = UserFactory()
    ProfileFactory(user=user)
    return user


@pytest.fixture
def other_user(db):
    other = UserFactory()
    ProfileFactory(user=other)
    return other


@pytest.fixture(autouse=True)
def upload_folders_in_tmp(settings, tmp_path):
    """Uploads of every test go to throw-away public and private media folders."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private-media")


@pytest.fixture(autouse=True)
def interface_language_reset():
    """Every test starts in English. Django's LocaleMiddleware activates each request's language
    and leaves it active on the thread (the next request activates its own), so after a test
    requested /ur/… a template rendered outside a request would otherwise come out in Urdu."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Every test starts with an empty cache: rate-limit counters, navigation, facet caches."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def close_search_side_connection():
    """A search outside a transaction (transactional tests) may open the embedded engine's side
    connection; it must not outlive the test, or the test database could not be dropped."""
    yield
    from search.engines.embedded import side_connection

    side_connection.close()
