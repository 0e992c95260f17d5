"""The upload caps, from settings (`TRIDAYA_UPLOAD_*`, see docs/deployment.md)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

MB = 1024 * 1024


@dataclass(frozen=True)
class ZipLimits:
    entries: int
    total_bytes: int
    ratio: int


def max_bytes(group: str) -> int:
    """The size cap of one upload of a group: image, document, table, survey or gis."""
    return int(settings.TRIDAYA_UPLOAD_MAX_MB[group]) * MB


def zip_limits() -> ZipLimits:
    return ZipLimits(
        entries=int(settings.TRIDAYA_UPLOAD_ZIP_MAX_ENTRIES),
        total_bytes=int(settings.TRIDAYA_UPLOAD_ZIP_MAX_TOTAL_MB) * MB,
        ratio=int(settings.TRIDAYA_UPLOAD_ZIP_MAX_RATIO),
    )
