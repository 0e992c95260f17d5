"""Demo kawasan prioritas of Desa Bajur, made from the RTs of the closed round's top problems."""

from __future__ import annotations

from tridaya.planning.demo.priorities import KAWASAN_ON, _meeting, _step, _user
from tridaya.planning.models import (
    PriorityArea,
    PriorityRound,
)
from tridaya.planning.services import kawasan, kawasan_derive
from tridaya.regions.models import RT, Region

CRITERIA = {
    "slum_rationale": (
        "RT tempat masalah prioritas pertama: genangan setiap musim hujan karena drainase tanah "
        "tanpa pasangan; skor kumuh lebih tinggi daripada calon lain."
    ),
    "land_status": "jelas",
    "spatial_conformity": "sesuai",
    "land_rationale": (
        "Sebagian besar lahan milik warga (sertifikat dan girik); kawasan permukiman dalam RTRW "
        "Kabupaten Lombok Barat."
    ),
    "strategic_value": "tinggi",
    "socio_economic": "sedang",
    "other_rationale": (
        "Dilalui jalan desa menuju pasar; kepadatan penduduk tinggi; kelompok perempuan pengrajin "
        "aktif dan siap berswadaya."
    ),
}


def seed_kawasan(village: Region, round_: PriorityRound) -> PriorityArea | None:
    if PriorityArea.objects.filter(village=village).exists():
        return None
    tipp = _user("tipp.bajur")
    area = kawasan_derive.area_derive(
        actor=tipp, round_=round_, top=1, name="Kawasan Bajur Selatan"
    )
    area = kawasan.area_criteria_set(actor=tipp, area=area, **CRITERIA)
    step = _step(village, "kawasan_prioritas")
    meeting = _meeting(
        village,
        step,
        "Musyawarah penetapan kawasan prioritas",
        KAWASAN_ON,
        (48, 39, 26),
        ["Kawasan Bajur Selatan ditetapkan sebagai kawasan prioritas."],
    )
    area = kawasan.area_choose(
        actor=tipp,
        area=area,
        meeting=meeting,
        decision_rationale=(
            "Disepakati musyawarah: masalah prioritas pertama hasil pemungutan suara berada di "
            "sini, skor kumuhnya lebih tinggi daripada Karang Bedil dan lahannya legal."
        ),
    )
    # A second candidate for the comparison: Karang Bedil RT 01-02, drawn from their RTs.
    rts = RT.objects.filter(village=village, rw__number=4, number__in=(1, 2)).exclude(boundary=None)
    if rts.count() == 2:
        import shapely
        from shapely.geometry import mapping, shape

        union = shapely.union_all([shape(rt.boundary) for rt in rts])
        other = kawasan.area_create(
            actor=tipp,
            village=village,
            name="Kawasan Karang Bedil",
            geometry=mapping(shapely.set_precision(union, 1e-7)),
            description="Calon kedua: permukiman terpadat di Karang Bedil.",
        )
        kawasan.area_criteria_set(
            actor=tipp,
            area=other,
            slum_rationale="Bangunan padat dan tidak teratur; drainase kurang.",
            land_status="tidak_jelas",
            spatial_conformity="sesuai",
            land_rationale="Sebagian lahan garapan tanpa bukti hak.",
            strategic_value="sedang",
            socio_economic="sedang",
            other_rationale="Kepadatan tertinggi, tetapi status lahan perlu diselesaikan dahulu.",
        )
    return area
