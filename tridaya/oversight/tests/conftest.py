import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def media_and_cache(settings, tmp_path):
    """Photos of a test go to its own folder; rate-limit counters start empty."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()
