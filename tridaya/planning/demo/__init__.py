"""Demo data of planning for Desa Bajur, registered with the core demo seed: prioritisation and
kawasan prioritas first (order 65), then the RPLP, the HSPK price list and the RTPLP (order 70).
Everything goes through the services; a second run changes nothing."""

from __future__ import annotations

from tridaya.planning.demo import kawasan, plans, price_lists, priorities, rab
from tridaya.planning.models import AreaStatus, Plan, PriorityArea, PriorityRound, RoundStatus
from tridaya.regions.demo import BAJUR
from tridaya.regions.models import Region


def seed_priorities(log) -> None:
    village = Region.objects.filter(code=BAJUR).first()
    if village is None:
        return
    round_ = priorities.seed_round(village)
    if round_ is None:
        round_ = PriorityRound.objects.filter(village=village, title=priorities.ROUND_TITLE).first()
        if round_ is None:
            log(f"{BAJUR}: belum ada masalah hasil pemetaan; prioritas demo dilewati")
            return
    else:
        vote = round_.result["vote"]
        log(f"{BAJUR}: putaran prioritas ditutup, {vote['ballots']} surat suara")
    priorities._complete(priorities._step(village, "prioritas"), priorities.RUN_ON)
    if round_.status == RoundStatus.CLOSED:
        area = kawasan.seed_kawasan(village, round_)
        if area is not None:
            log(f"{BAJUR}: kawasan prioritas '{area.name}' ditetapkan ({area.area_ha} ha)")
    priorities._complete(priorities._step(village, "kawasan_prioritas"), priorities.KAWASAN_ON)


def seed_plans(log) -> None:
    village = Region.objects.filter(code=BAJUR).first()
    if village is None or Plan.objects.filter(village=village).exists():
        return
    tipp = plans._user("tipp.bajur")
    version = plans.seed_rplp(village, tipp)
    plans.legalise_rplp(village, version)
    log(f"{BAJUR}: RPLP versi 1 disahkan ({version.programs.count()} program)")
    price_list = price_lists.seed_price_list()
    area = (
        PriorityArea.objects.filter(village=village, status=AreaStatus.CHOSEN)
        .order_by("id")
        .first()
    )
    if area is None:
        log(f"{BAJUR}: belum ada kawasan prioritas; RTPLP tidak dibuat")
        return
    rab.seed_rtplp(village, area, price_list, version)
    log(f"{BAJUR}: RTPLP {area.name} sedang disusun (3 kegiatan dengan RAB)")
