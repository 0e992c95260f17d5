"""Marketing test data, built through the services as the system (actor=None). Plans come from
planning's own test factories (through its services), so they obey planning's rules."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from tridaya.marketing.definitions import current_sources
from tridaya.marketing.models import FundingSource, Partner, PartnerType, Pledge
from tridaya.marketing.services import partners as partner_services
from tridaya.marketing.services import pledges as pledge_services
from tridaya.planning.services import plans as plan_services
from tridaya.planning.tests import factories as plan_factories
from tridaya.regions.models import Region

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "mou.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def docx_file(name: str = "kesepakatan.docx") -> SimpleUploadedFile:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def source(code: str = "apbd_kab") -> FundingSource:
    return next(s for s in current_sources() if s.code == code)


def partner(
    where: Region,
    name: str = "Dinas Perumahan dan Permukiman Lombok Barat",
    kind: str = PartnerType.OPD,
    acts_in: Region | None = None,
    sources=("apbd_kab",),
) -> Partner:
    return partner_services.partner_create(
        actor=None,
        where=where,
        name=name,
        kind=kind,
        acts_in=acts_in or Region.objects.get(pk=where.code[:5]),
        sources=[source(c) for c in sources],
    )


def legalised_rplp(
    village: Region,
    rows: int = 1,
    *,
    cost: int = 100_000,
    blm: int = 40_000,
    swadaya: int = 10_000,
    spec=None,
):
    """A legalised RPLP whose rows each cost `cost`: `blm` from BLM, `swadaya` from the
    community, the rest planned from APBD kab/kota (not yet committed). `spec` gives each row's
    (cost, blm, swadaya) instead."""
    version = plan_factories.first_version(plan_factories.rplp(village))
    plan_services.version_update_texts(
        actor=None,
        version=version,
        data=plan_services.VersionTexts(vision="Desa bersih, sehat dan produktif"),
    )
    problem = plan_factories.plan_problem(village)
    prog = plan_factories.program(version, problems=[problem])
    spec = spec if spec is not None else [(cost, blm, swadaya)] * rows
    made = [_row(version, prog, c, b, s, n) for n, (c, b, s) in enumerate(spec)]
    plan_factories.legalise(version)
    version.refresh_from_db()
    return version, made


def _row(version, prog, cost: int, blm: int, swadaya: int, n: int):
    from decimal import Decimal

    data = plan_services.InvestmentInput(
        year=version.start_year,
        domain="L",
        component=f"Saluran drainase {n + 1}",
        volume=Decimal(1),
        unit="paket",
        unit_cost=cost,
        funding={"blm": blm, "swadaya": swadaya, "apbd_city": cost - blm - swadaya},
        program_id=prog.pk,
    )
    return plan_services.investment_row_save(actor=None, version=version, data=data)


def pledge(
    village: Region,
    target,
    the_partner: Partner,
    amount: int = 30_000,
    code: str = "apbd_kab",
    year: int = 2027,
) -> Pledge:
    return pledge_services.pledge_create(
        actor=None,
        village=village,
        target=target,
        partner=the_partner,
        source=source(code),
        amount=amount,
        year=year,
        pledged_on=dt.date(2026, 12, 1),
    )


def commit(the_pledge: Pledge, amount: int | None = None, reason: str = "") -> Pledge:
    return pledge_services.pledge_commit(
        actor=None,
        pledge=the_pledge,
        agreement_kind="mou",
        agreement_file=pdf(),
        committed_on=dt.date(2026, 12, 10),
        amount=amount,
        over_commit_reason=reason,
    )


def realise(the_pledge: Pledge, amount: int, **kw) -> Pledge:
    return pledge_services.pledge_realise(
        actor=None,
        pledge=the_pledge,
        amount=amount,
        realised_on=dt.date(2027, 2, 1),
        evidence_file=pdf("bukti.pdf"),
        **kw,
    )
