"""Small region trees for tests (the full official import is tested on its own)."""

from tridaya.regions.importer import kind_for
from tridaya.regions.models import Level, Region

BAJUR = "52.01.08.2006"
TERONG_TAWAH = "52.01.08.2007"
FAR_VILLAGE = "35.07.01.2001"  # a village in Jawa Timur, another province

NAMES = {
    "52": "Nusa Tenggara Barat",
    "52.01": "Kabupaten Lombok Barat",
    "52.01.08": "Labuapi",
    BAJUR: "Bajur",
    TERONG_TAWAH: "Terong Tawah",
    "35": "Jawa Timur",
    "35.07": "Kabupaten Malang",
    "35.07.01": "Donomulyo",
    FAR_VILLAGE: "Tulungrejo",
}


def region(code: str, name: str | None = None) -> Region:
    """The region with `code` and all its ancestors, created when missing."""
    parts = code.split(".")
    parent = None
    for depth in range(1, len(parts) + 1):
        current = ".".join(parts[:depth])
        label = name if (current == code and name) else NAMES.get(current, f"Wilayah {current}")
        parent, _ = Region.objects.get_or_create(
            code=current,
            defaults={
                "parent": parent,
                "level": Level(depth),
                "kind": kind_for(depth, current, label),
                "name": label,
            },
        )
    assert parent is not None, "a region code has at least one part"
    return parent
