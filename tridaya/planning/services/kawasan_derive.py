"""A candidate kawasan derived from a priority round: the RTs where the round's best-ranked
problems lie, joined into one area (written by `kawasan._area_create`, so it is checked,
measured and audited like a drawn one)."""

from __future__ import annotations

from typing import Any

import shapely
from django.db import transaction
from django.utils.translation import gettext as _
from shapely.geometry import mapping, shape

from tridaya.accounts.models import User
from tridaya.core.errors import DomainError
from tridaya.core.geo import parse_geometry
from tridaya.core.policy import authorize
from tridaya.planning.errors import PlanningError
from tridaya.planning.models import AreaSource, PriorityArea, PriorityRound
from tridaya.planning.policy import MANAGE_KAWASAN
from tridaya.planning.selectors.priorities import ranked_options
from tridaya.planning.services.kawasan import _area_create
from tridaya.regions.models import RT


@transaction.atomic(durable=True)
def area_derive(
    *, actor: User | None, round_: PriorityRound, top: int = 3, name: str = ""
) -> PriorityArea:
    """A candidate made of the RTs where the round's `top` best-ranked problems lie: the RT the
    problem was mapped in, or every RT its location touches."""
    authorize(actor, MANAGE_KAWASAN, round_.village)
    round_ = PriorityRound.objects.select_related("village").get(pk=round_.pk)
    problems = [o.problem for o in ranked_options(round_) if o.problem is not None][:top]
    rts = {
        rt.pk: rt
        for rt in RT.objects.filter(village_id=round_.village_id)
        .exclude(boundary=None)
        .select_related("rw")
    }
    chosen: dict[int, Any] = {}
    for problem in problems:
        if problem.rt_id in rts:
            chosen[problem.rt_id] = rts[problem.rt_id]
            continue
        location = parse_geometry(problem.geometry)
        for rt in rts.values():
            if rt.boundary and shape(rt.boundary).intersects(location):
                chosen[rt.pk] = rt
    if not chosen:
        raise DomainError(
            _(
                "Tidak ada batas RT untuk masalah teratas putaran ini; gambar kawasannya di peta "
                "atau lengkapi batas RT."
            ),
            code=PlanningError.KAWASAN_NOTHING_TO_DERIVE,
        )
    union = shapely.union_all([shape(rt.boundary) for rt in chosen.values()])
    union = shapely.set_precision(union, 1e-7)
    labels = ", ".join(
        f"RT {rt.number:02d}/RW {rt.rw.number:02d}"
        for rt in sorted(chosen.values(), key=lambda r: (r.rw.number, r.number))
    )
    return _area_create(
        actor=actor,
        village=round_.village,
        name=name or _("Kawasan %(rts)s") % {"rts": labels},
        geometry=mapping(union),
        description=_("Gabungan RT tempat %(n)s masalah teratas '%(round)s'.")
        % {"n": len(problems), "round": round_.title},
        source=AreaSource.DERIVED,
        round_=round_,
    )
