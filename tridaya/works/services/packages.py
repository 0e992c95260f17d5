"""Work packages: made from a legalised RTPLP activity (its RAB lines become the package's
items with a default weekly schedule), the weekly schedule, named beneficiaries, KSM reporters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.accounts.models import User
from tridaya.core.audit import record_event
from tridaya.core.geo import measure, validate_geojson
from tridaya.core.policy import authorize
from tridaya.institutions.models import KSM
from tridaya.planning.models import Activity
from tridaya.regions.models import Region
from tridaya.works.errors import WorksError, refuse
from tridaya.works.models import Beneficiary, KsmReporter, WorkItem, WorkPackage
from tridaya.works.plan_source import legalised_activity
from tridaya.works.schedule import week_count


def default_weeks(count: int, weeks: int) -> list[tuple[int, int]]:
    """RAB lines one after another over the weeks (line i of n: its share of the weeks)."""
    spans = []
    for index in range(count):
        start = index * weeks // count + 1
        end = max((index + 1) * weeks // count, start)
        spans.append((start, min(end, weeks)))
    return spans


def _geometry(data: dict | None, fallback: dict | None) -> dict:
    source = data if data is not None else fallback
    if source is None:
        raise refuse(
            WorksError.BAD_GEOMETRY,
            _("Gambar lokasi paket di peta (titik, garis atau poligon)."),
            field="geometry",
        )
    try:
        return validate_geojson(source)
    except ValidationError as exc:
        raise refuse(WorksError.BAD_GEOMETRY, " ".join(exc.messages), field="geometry") from exc


def _check_new(
    village: Region,
    activity: Activity,
    starts_on: dt.date,
    ends_on: dt.date,
    ksm: KSM | None,
    builder_name: str,
) -> None:
    plan_activity_id = activity.pk
    if WorkPackage.objects.filter(village=village, plan_activity_id=plan_activity_id).exists():
        raise refuse(
            WorksError.PACKAGE_EXISTS,
            _("Kegiatan %(name)s sudah punya paket pekerjaan.") % {"name": activity.name},
            field="plan_activity_id",
        )
    if ends_on < starts_on:
        raise refuse(
            WorksError.BAD_DATES,
            _("Rencana selesai harus sama dengan atau sesudah rencana mulai."),
            field="ends_on",
        )
    if ksm is not None and ksm.village_id != village.code:
        raise refuse(WorksError.WRONG_VILLAGE, _("KSM ini dari desa lain."), field="ksm")
    if ksm is None and not builder_name.strip():
        raise refuse(
            WorksError.BAD_REPORT, _("Pilih KSM atau tulis nama panitia."), field="builder_name"
        )


@transaction.atomic(durable=True)
def package_create(
    *,
    actor: User | None,
    village: Region,
    plan_activity_id: int,
    starts_on: dt.date,
    ends_on: dt.date,
    ksm: KSM | None = None,
    builder_name: str = "",
    geometry: dict | None = None,
) -> WorkPackage:
    """A package from an activity of the village's legalised RTPLP, built by a KSM or a panitia."""
    authorize(actor, "works.manage", village)
    activity = legalised_activity(village.code, plan_activity_id)
    if activity is None:
        raise refuse(
            WorksError.NOT_IN_RTPLP,
            _("Kegiatan ini tidak ada di RTPLP yang sudah disahkan untuk desa ini."),
            field="plan_activity_id",
        )
    _check_new(village, activity, starts_on, ends_on, ksm, builder_name)
    shape = _geometry(geometry, activity.geometry)
    measures = measure(shape)
    package = WorkPackage(
        village=village,
        plan_activity_id=activity.pk,
        name=activity.name,
        domain=activity.domain,
        location=activity.location,
        rt_id=activity.rt_id,
        geometry=shape,
        length_m=round(measures.length_m, 2),
        area_m2=round(measures.area_m2, 2),
        volume=activity.volume,
        unit=activity.unit,
        ksm=ksm,
        builder_name=builder_name.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        value=activity.rab_total,
        people=activity.people,
        women=activity.women,
        mbr=activity.mbr,
        households=activity.households,
        poor_households=activity.poor_households,
    )
    package.full_clean()
    package.save()
    lines = list(activity.rab_items.all())
    spans = default_weeks(len(lines), week_count(starts_on, ends_on))
    WorkItem.objects.bulk_create(
        WorkItem(
            package=package,
            position=index,
            description=line.description,
            volume=line.volume,
            unit=line.unit,
            amount=line.amount,
            start_week=start,
            end_week=end,
        )
        for index, (line, (start, end)) in enumerate(zip(lines, spans, strict=True))
    )
    record_event(
        actor=actor,
        action="works.package_created",
        obj=package,
        changes={"name": [None, package.name], "value": [None, package.value]},
    )
    return package


@transaction.atomic(durable=True)
def schedule_set(
    *, actor: User | None, package: WorkPackage, weeks: Mapping[int, tuple[int, int]]
) -> list[WorkItem]:
    """Set the planned weeks of RAB lines ({item id: (start week, end week)})."""
    authorize(actor, "works.manage", package)
    total = week_count(package.starts_on, package.ends_on)
    items = {item.pk: item for item in package.items.select_for_update()}
    changes = {}
    for item_id, (start, end) in weeks.items():
        item = items.get(item_id)
        if item is None:
            raise refuse(WorksError.BAD_SCHEDULE, _("Baris RAB tidak ada di paket ini."))
        if not 1 <= start <= end <= total:
            raise refuse(
                WorksError.BAD_SCHEDULE,
                _(
                    "Baris %(line)s: minggu harus antara 1 dan %(weeks)s, mulai tidak sesudah "
                    "selesai."
                )
                % {"line": item.description, "weeks": total},
                field=f"item_{item_id}",
            )
        changes[item.description] = [[item.start_week, item.end_week], [start, end]]
        item.start_week, item.end_week = start, end
        item.save(update_fields=["start_week", "end_week"])
    record_event(actor=actor, action="works.schedule_set", obj=package, changes=changes)
    return sorted(items.values(), key=lambda i: (i.position, i.pk))


@transaction.atomic(durable=True)
def beneficiary_add(
    *,
    actor: User | None,
    package: WorkPackage,
    name: str,
    sex: str,
    nik: str = "",
    mbr: bool = False,
    poor: bool = False,
) -> Beneficiary:
    authorize(actor, "works.manage", package)
    person = Beneficiary(package=package, name=name, sex=sex, nik=nik, mbr=mbr, poor=poor)
    person.full_clean()
    person.save()
    return person


@transaction.atomic(durable=True)
def reporter_add(*, actor: User | None, ksm: KSM, user: User) -> KsmReporter:
    """Let a user report for a KSM (its own packages only)."""
    authorize(actor, "works.manage", ksm)
    reporter, created = KsmReporter.objects.get_or_create(ksm=ksm, user=user)
    if created:
        record_event(
            actor=actor, action="works.reporter_added", obj=reporter, region_code=ksm.village_id
        )
    return reporter
