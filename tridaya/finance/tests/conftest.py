import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Receipt files of a test go to its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def progress_providers_isolated():
    """Finance's tests see only the progress providers they register themselves, not those of
    later apps (works registers one in its ready()); the registry is restored afterwards."""
    from tridaya.finance import registry

    saved = list(registry._progress_providers)
    registry._progress_providers.clear()
    yield
    registry._progress_providers[:] = saved
