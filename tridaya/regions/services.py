"""Writes to village profiles and RW/RT units. Each checks the policy, validates, writes and
audits in one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import cast

from django.contrib.admin.utils import NestedObjects
from django.db import models, router, transaction
from django.utils.translation import gettext as _

from tridaya.core.audit import diff, record_event, snapshot
from tridaya.core.errors import DomainError
from tridaya.core.geo import AREAL, validate_geojson
from tridaya.core.policy import Actor, authorize
from tridaya.regions.errors import RegionError
from tridaya.regions.models import RT, RW, Region, VillageProfile

PROFILE_FIELDS = [
    "population",
    "households",
    "poor_households",
    "area_ha",
    "latitude",
    "longitude",
]


def _require_village(region: Region) -> None:
    if not region.is_village:
        raise DomainError(
            _("%(region)s bukan kelurahan/desa.") % {"region": region},
            code=RegionError.NOT_A_VILLAGE,
        )


@transaction.atomic(durable=True)
def profile_update(
    *,
    actor: Actor,
    village: Region,
    population: int | None = None,
    households: int | None = None,
    poor_households: int | None = None,
    area_ha: Decimal | None = None,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    boundary: dict | None = None,
) -> VillageProfile:
    """Create or change a village's profile; records what changed."""
    _require_village(village)
    authorize(actor, "regions.change_profile", village)
    profile, _created = VillageProfile.objects.select_for_update().get_or_create(village=village)
    before = snapshot(profile, PROFILE_FIELDS + ["boundary"])
    values = {
        "population": population,
        "households": households,
        "poor_households": poor_households,
        "area_ha": area_ha,
        "latitude": latitude,
        "longitude": longitude,
    }
    for name, value in values.items():
        setattr(profile, name, value)
    profile.boundary = validate_geojson(boundary, AREAL) if boundary else None
    profile.full_clean()
    profile.save()
    changes = diff(before, snapshot(profile, PROFILE_FIELDS + ["boundary"]))
    if changes:
        record_event(actor=actor, action="regions.profile_updated", obj=profile, changes=changes)
    return profile


def _rw_save(
    *, actor: Actor, village: Region, number: int, name: str = "", boundary: dict | None = None
) -> RW:
    """Add an RW, or update the one with that number."""
    _require_village(village)
    authorize(actor, "regions.manage_units", village)
    rw = RW.objects.filter(village=village, number=number).first() or RW(
        village=village, number=number
    )
    before = snapshot(rw, ["name", "boundary"]) if rw.pk else {}
    rw.name = name
    rw.boundary = validate_geojson(boundary, AREAL) if boundary else None
    rw.full_clean()
    rw.save()
    changes = diff(before, snapshot(rw, ["name", "boundary"]))
    if changes:
        record_event(actor=actor, action="regions.rw_saved", obj=rw, changes=changes)
    return rw


def _rt_save(*, actor: Actor, rw: RW, number: int, boundary: dict | None = None) -> RT:
    """Add an RT to an RW, or update the one with that number."""
    authorize(actor, "regions.manage_units", rw.village_id)
    rt = RT.objects.filter(rw=rw, number=number).first() or RT(
        rw=rw, village_id=rw.village_id, number=number
    )
    before = snapshot(rt, ["boundary"]) if rt.pk else {}
    rt.boundary = validate_geojson(boundary, AREAL) if boundary else None
    rt.full_clean()
    rt.save()
    changes = diff(before, snapshot(rt, ["boundary"]))
    if changes:
        record_event(actor=actor, action="regions.rt_saved", obj=rt, changes=changes)
    return rt


def _rows_depending_on(rt: RT) -> dict[str, int]:
    """{model's verbose name: count} of the rows in any app that deleting the RT would delete
    or that protect it (households, RT profiles, ...), without knowing those apps."""
    collector = NestedObjects(using=router.db_for_write(RT))
    collector.collect([rt])
    counts: dict[str, int] = {}
    for model, objects in collector.model_objs.items():
        others = [obj for obj in objects if not (model is RT and obj.pk == rt.pk)]
        if others:
            meta = cast(type[models.Model], model)._meta
            counts[str(meta.verbose_name_plural)] = len(others)
    for obj in collector.protected:
        name = str(cast(models.Model, obj)._meta.verbose_name_plural)
        counts[name] = counts.get(name, 0) + 1
    return counts


def _rt_delete(*, actor: Actor, rt: RT) -> None:
    """Remove an RT that nothing refers to yet (a typo when the units were set up). An RT with
    households, problems, RT profiles or any other data is refused, naming what it holds."""
    authorize(actor, "regions.manage_units", rt.village_id)
    rt = RT.objects.select_for_update().select_related("rw").get(pk=rt.pk)
    held = _rows_depending_on(rt)
    if held:
        raise DomainError(
            _("%(rt)s tidak dapat dihapus karena masih memiliki data: %(held)s.")
            % {"rt": rt, "held": ", ".join(f"{n} {name}" for name, n in sorted(held.items()))},
            code=RegionError.RT_IN_USE,
        )
    record_event(
        actor=actor,
        action="regions.rt_deleted",
        obj=rt,
        changes={"rw": [rt.rw.number, None], "number": [rt.number, None]},
        region_code=rt.village_id,
    )
    rt.delete()


@transaction.atomic(durable=True)
def rw_save(
    *, actor: Actor, village: Region, number: int, name: str = "", boundary: dict | None = None
) -> RW:
    """Add an RW, or update the one with that number."""
    return _rw_save(actor=actor, village=village, number=number, name=name, boundary=boundary)


@transaction.atomic(durable=True)
def rt_save(*, actor: Actor, rw: RW, number: int, boundary: dict | None = None) -> RT:
    """Add an RT to an RW, or update the one with that number."""
    return _rt_save(actor=actor, rw=rw, number=number, boundary=boundary)


@transaction.atomic(durable=True)
def rt_delete(*, actor: Actor, rt: RT) -> None:
    """Remove an RT that nothing refers to yet (see `_rt_delete`)."""
    _rt_delete(actor=actor, rt=rt)


@transaction.atomic(durable=True)
def rw_save_with_rts(
    *,
    actor: Actor,
    village: Region,
    number: int,
    name: str = "",
    boundary: dict | None = None,
    rts: Iterable[tuple[int, dict | None]] = (),
    delete: Iterable[RT] = (),
) -> RW:
    """Save an RW with its RT lines (number, boundary) and delete the RTs in `delete`, all
    together (the admin's RW form with its RT lines): one refused line saves none of it."""
    rw = _rw_save(actor=actor, village=village, number=number, name=name, boundary=boundary)
    for rt_number, rt_boundary in rts:
        _rt_save(actor=actor, rw=rw, number=rt_number, boundary=rt_boundary)
    for rt in delete:
        _rt_delete(actor=actor, rt=rt)
    return rw
