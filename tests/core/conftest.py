import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """allauth keeps rate-limit counters in the cache; start every test with none used."""
    cache.clear()
    yield
    cache.clear()
