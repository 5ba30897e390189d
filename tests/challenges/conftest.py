import pytest

from tests.factories import PersonFactory
from tests.labs.factories import LabPageFactory


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def policymaker(home):
    return PersonFactory(policymaker=True)


@pytest.fixture
def moderator(home):
    return PersonFactory(superuser=True)


@pytest.fixture
def lab_page(home):
    return LabPageFactory(title="Governance Lab")


@pytest.fixture
def other_lab(home):
    return LabPageFactory(title="Other Lab")
