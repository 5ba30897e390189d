import pytest

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
