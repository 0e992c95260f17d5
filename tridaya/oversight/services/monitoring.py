"""Residents' monitoring of works: a checklist report on a work package; a "masalah" report
opens a complaint."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.core.audit import record_event
from tridaya.core.errors import NotFound
from tridaya.core.policy import authorize
from tridaya.oversight import conf
from tridaya.oversight.errors import OversightError, refuse
from tridaya.oversight.models import (
    Channel,
    MonitoringReport,
    Status,
    StepKind,
)
from tridaya.oversight.photos import clean_photo
from tridaya.regions.models import Region

if TYPE_CHECKING:
    from django.core.files import File

    from tridaya.accounts.models import User


from tridaya.oversight.services.complaints import _new_complaint, _step, _user


@transaction.atomic(durable=True)
def monitoring_report(
    *,
    actor: User | None,
    village: Region,
    package_id: int,
    observed_on: dt.date,
    work_happening: bool,
    materials_as_planned: bool,
    signboard_up: bool,
    problem: bool,
    note: str = "",
    photo: File | None = None,
) -> MonitoringReport:
    """A signed-in resident's checklist on a package (checked through works' selectors). A
    'masalah' report opens a complaint of class masalah linked to the package."""
    from tridaya.works.selectors import package_of

    authorize(actor, "oversight.monitor", village)
    try:
        package = package_of(village, package_id)
    except NotFound:
        raise refuse(
            OversightError.BAD_LINK,
            _("Paket pekerjaan nomor %(id)s tidak ada di desa ini.") % {"id": package_id},
            field="package_id",
        ) from None
    report = MonitoringReport(
        village=village,
        package_id=package.pk,
        reporter=actor,
        observed_on=observed_on,
        work_happening=work_happening,
        materials_as_planned=materials_as_planned,
        signboard_up=signboard_up,
        problem=problem,
        note=(note or "").strip(),
    )
    if photo is not None:
        report.photo = clean_photo(photo).content
    if problem:
        now = timezone.now()
        report.complaint = _new_complaint(
            village=village,
            channel=Channel.MONITORING,
            submitted_by=_user(actor),
            text=_("Pemantauan warga atas paket %(name)s: %(note)s")
            % {"name": package.name, "note": report.note or _("ada masalah")},
            klass="masalah",
            scope="administrasi",
            field=package.domain,
            link_type="paket",
            link_id=package.pk,
            status=Status.IN_PROCESS,
            received_at=now,
            due_at=now + conf.deadline_delta("masalah"),
        )
        _step(report.complaint, StepKind.RECEIVED, actor=actor, at=now)
        record_event(
            actor=_user(actor),
            action="oversight.complaint_received",
            obj=report.complaint,
            region_code=village.code,
        )
    report.full_clean()
    report.save()
    record_event(
        actor=_user(actor),
        action="oversight.monitoring_reported",
        obj=report,
        region_code=village.code,
    )
    return report
