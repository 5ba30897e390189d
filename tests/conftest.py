import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.utils import translation

from tests.factories import PersonFactory, home_page


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The home page and its sections, built once per test database instead of in every test.

    Publishing the seven pages of ``seed_home`` took about a third of a typical test's time.
    Built here, they are committed before the first test; each test's transaction rolls back
    to them, and ``home`` only looks them up. The search index is emptied again, so that
    tests without ``home`` search an empty index as before; ``home_page`` indexes them
    inside its test's transaction. Transactional tests run last (pytest-django orders them
    so) and empty the tables after them: the serialized copy that ``serialized_rollback``
    restores is taken again here so that it holds the home page too, and tests after a plain
    flush build it again through ``home`` as before.

    With Elasticsearch configured, search writes leave the database and would not be undone
    with it; each test then builds the home page itself, so its own index receives it.
    """
    if settings.ELASTICSEARCH_URL:
        return
    with django_db_blocker.unblock():
        from policylab_site.demo import seed_home
        from search import service

        seed_home()
        # Emptied, not deleted from: on PostgreSQL deleted rows would stay in the indexes
        # until a vacuum and change the order in which equally ranked results come back.
        service.embedded_engine().clear()
        for connection in connections.all():
            if hasattr(connection, "_test_serialized_contents"):
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.fixture
def task_queue(settings):
    """The production tasks backend: tasks wait in the database until ``run_worker()``."""
    from policylab_site.settings import base as configured

    settings.TASKS = configured.TASKS
    return settings


@pytest.fixture
def home(db):
    return home_page()


@pytest.fixture
def user(db):
    return PersonFactory()


@pytest.fixture
def other_user(db):
    return PersonFactory()


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
    from search.engines.embedded.side_connection import side_connection

    side_connection.close()


@pytest.fixture
def gazetteer(db):
    """Pakistan's and Bangladesh's places (provinces/divisions, districts, tehsils, upazilas);
    call the fixture's value with a code to get a place: ``gazetteer("PK-PB-LAHORE")``."""
    from core.models import Place
    from core.services import places_load

    places_load(country_codes=["PK", "BD"])
    return lambda code: Place.objects.get(code=code)
