import pytest

from tests.labs.factories import SpaceWorld


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def world(home):
    return SpaceWorld()
