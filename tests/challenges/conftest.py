import pytest

from . import factories


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def policymaker(home):
    return factories.verified_policymaker()


@pytest.fixture
def moderator(home):
    return factories.moderator()


@pytest.fixture
def lab_page(home):
    return factories.lab("Governance Lab")


@pytest.fixture
def other_lab(home):
    return factories.lab("Other Lab")
