"""Demo data of the regions app: Desa Bajur (Labuapi, Lombok Barat, NTB) and its neighbour Desa
Terong Tawah, with profiles and RW/RT units whose boundaries are synthetic rectangles laid around
the villages' real location. The numbers are illustrative, not official statistics."""

from decimal import Decimal

from tridaya.regions import services
from tridaya.regions.models import Region

BAJUR = "52.01.08.2006"
TERONG_TAWAH = "52.01.08.2007"

DEMO_VILLAGES = {
    BAJUR: {
        "centre": (-8.6330, 116.1080),
        "profile": {
            "population": 4630,
            "households": 1236,
            "poor_households": 318,
            "area_ha": Decimal("268.40"),
        },
        "rws": ["Bajur Utara", "Bajur Tengah", "Bajur Selatan", "Karang Bedil"],
    },
    TERONG_TAWAH: {
        "centre": (-8.6290, 116.1260),
        "profile": {
            "population": 3910,
            "households": 1052,
            "poor_households": 274,
            "area_ha": Decimal("221.75"),
        },
        "rws": ["Terong Tawah Barat", "Terong Tawah Timur", "Peresak"],
    },
}

RTS_PER_RW = 4
RW_WIDTH_DEG = 0.0045  # about 500 m east-west per RW
HEIGHT_DEG = 0.0120  # about 1.3 km north-south


def _box(west: float, south: float, east: float, north: float) -> dict:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [[[round(x, 6), round(y, 6)] for x, y in ring]]}


def seed_village(code: str, spec: dict) -> None:
    village = Region.objects.get(code=code)
    lat, lon = spec["centre"]
    services.profile_update(
        actor=None,
        village=village,
        latitude=Decimal(str(lat)),
        longitude=Decimal(str(lon)),
        **spec["profile"],
    )
    west0 = lon - RW_WIDTH_DEG * len(spec["rws"]) / 2
    south, north = lat - HEIGHT_DEG / 2, lat + HEIGHT_DEG / 2
    for index, name in enumerate(spec["rws"]):
        west, east = west0 + index * RW_WIDTH_DEG, west0 + (index + 1) * RW_WIDTH_DEG
        rw = services.rw_save(
            actor=None,
            village=village,
            number=index + 1,
            name=name,
            boundary=_box(west, south, east, north),
        )
        step = HEIGHT_DEG / RTS_PER_RW
        for rt_index in range(RTS_PER_RW):
            top = north - rt_index * step
            services.rt_save(
                actor=None, rw=rw, number=rt_index + 1, boundary=_box(west, top - step, east, top)
            )


def seed(log) -> None:
    if not Region.objects.filter(code=BAJUR).exists():
        raise RuntimeError("Wilayah belum diimpor: jalankan `manage.py import_regions` dahulu.")
    for code, spec in DEMO_VILLAGES.items():
        seed_village(code, spec)
        log(f"{code}: profil, {len(spec['rws'])} RW, {len(spec['rws']) * RTS_PER_RW} RT")
