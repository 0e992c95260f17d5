"""Demo layers of Desa Bajur (roads, drainage, RTRW zoning), made once by importing a GeoJSON
file through the same service as an upload."""

from __future__ import annotations

import json

from tridaya.mapping.demo import rt_box
from tridaya.mapping.models import Layer, LayerKind
from tridaya.mapping.services import layers as services_layers
from tridaya.regions.models import RT, Region


def _layer_file(features: list[dict]) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def seed_layers(village: Region, rts: list[RT], actor) -> int:
    made = 0
    by_rw: dict[int, list[RT]] = {}
    for rt in rts:
        by_rw.setdefault(rt.rw.number, []).append(rt)
    roads, drains, zones = [], [], []
    for number, rw_rts in sorted(by_rw.items()):
        boxes = [rt_box(rt) for rt in rw_rts]
        west, east = boxes[0][0], boxes[0][2]
        south, north = min(b[1] for b in boxes), max(b[3] for b in boxes)
        middle = round((west + east) / 2, 6)
        roads.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "LineString",
                    "coordinates": [[middle, south], [middle, north]],
                },
                "properties": {
                    "nama": f"Jalan Dusun RW {number:02d}",
                    "lebar_m": 4,
                    "perkerasan": "aspal",
                },
            }
        )
        for rt, (w, s, _e, n) in zip(rw_rts, boxes, strict=True):
            drains.append(
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "LineString",
                        "coordinates": [[round(w + 0.0003, 6), s], [round(w + 0.0003, 6), n]],
                    },
                    "properties": {
                        "nama": f"Saluran RT {rt.number:02d}/RW {number:02d}",
                        "jenis": "tersier",
                        "kondisi": "baik" if (rt.number + number) % 3 else "rusak",
                    },
                }
            )
        zones.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [
                        [[west, south], [east, south], [east, north], [west, north], [west, south]]
                    ],
                },
                "properties": {
                    "pola_ruang": "permukiman perdesaan"
                    if number != 4
                    else "pertanian lahan basah",
                    "sumber": "RTRW Kabupaten Lombok Barat (ilustrasi)",
                },
            }
        )
    for name, kind, features in (
        ("Jalan lingkungan", LayerKind.ROADS, roads),
        ("Saluran drainase", LayerKind.DRAINAGE, drains),
        ("Pola ruang RTRW", LayerKind.ZONING, zones),
    ):
        if Layer.objects.filter(village=village, name=name).exists():
            continue
        services_layers.layer_import(
            actor=actor,
            village=village,
            name=name,
            kind=kind,
            data=_layer_file(features),
            file_name=f"{name.lower().replace(' ', '-')}.geojson",
            description="Data demo (ilustrasi, bukan data resmi).",
        )
        made += 1
    return made
