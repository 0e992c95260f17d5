import io

import pytest
from django.core.cache import cache
from django.core.management import call_command

from tridaya.oversight import services
from tridaya.regions import demo as regions_demo
from tridaya.regions.tests.factories import BAJUR, region


@pytest.fixture(autouse=True)
def media_and_cache(settings, tmp_path):
    """Photos of a test go to its own folder; rate-limit counters start empty."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(db):
    for code in regions_demo.DEMO_VILLAGES:
        region(code)
    call_command("seed_demo", stdout=io.StringIO())
    services.complaint_submit(
        actor=None,
        village=region(BAJUR),
        text="Jalan di depan rumah saya rusak lagi.",
        name="Pak Rahasia Pengadu",
        contact="081299990000",
    )
    cache.clear()
