from django.conf import settings

from tridaya.core.stages import STAGES
from tridaya.core.vendor import VENDOR


def shell(request):
    """What every page's layout needs: stage navigation, vendored assets, map tiles."""
    return {
        "STAGES": STAGES,
        "VENDOR": VENDOR,
        "TILE_URL": settings.TRIDAYA_TILE_URL,
        "TILE_ATTRIBUTION": settings.TRIDAYA_TILE_ATTRIBUTION,
    }
