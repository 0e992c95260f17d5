import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tridaya.institutions.services.groups import kpp_create
from tridaya.institutions.tests.factories import ksm_with, people
from tridaya.works import selectors
from tridaya.works.errors import WorksError
from tridaya.works.models import PackageStatus
from tridaya.works.services import assets, progress
from tridaya.works.tests.factories import package, photo

pytestmark = pytest.mark.django_db
D = Decimal
FLAGS = {
    "exists": True,
    "good_condition": True,
    "functioning": True,
    "used": True,
    "upgraded": False,
}


def refused(code, call, **kwargs):
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    assert caught.value.code == code, caught.value.messages
    return caught.value.messages[0]


def finish(work):
    for percent, slots, day in ((40, (0,), 9), (100, (50, 100), 27)):
        entry = progress.entry_draft(
            actor=None, package=work, date=dt.date(2026, 3, day), percent=D(percent)
        )
        for slot in slots:
            progress.photo_add(actor=None, package=work, entry=entry, file=photo(), slot=slot)
        progress.entry_submit(actor=None, entry=entry)
        progress.entry_approve(actor=None, entry=entry)
    work.refresh_from_db()
    assert work.status == PackageStatus.DONE
    return work


@pytest.fixture
def kpp(bajur):
    return kpp_create(actor=None, village=bajur, name="KPP Bajur Lestari", members=people(bajur, 3))


def test_handover_only_after_completion_and_the_asset_register(bajur, kpp):
    work = package(bajur, ksm=ksm_with(bajur))
    refused(
        WorksError.NOT_COMPLETE,
        assets.handover_record,
        actor=None,
        package=work,
        number="01/BAST/2026",
        date=dt.date(2026, 4, 1),
        recipient="kpp",
        kpp=kpp,
    )
    finish(work)
    refused(
        WorksError.RECIPIENT_MISSING,
        assets.handover_record,
        actor=None,
        package=work,
        number="01/BAST/2026",
        date=dt.date(2026, 4, 1),
        recipient="kpp",
    )
    handover = assets.handover_record(
        actor=None,
        package=work,
        number="01/BAST/2026",
        date=dt.date(2026, 4, 1),
        recipient="kpp",
        kpp=kpp,
        asset_kind="Drainase",
        design_life_years=15,
    )
    asset = handover.asset
    assert asset.value == work.value == 3_000_000  # nothing spent through the ledger: RAB value
    assert asset.design_life_years == 15 and asset.geometry == work.geometry
    from tridaya.works import exports

    assert exports.bast_docx(work, handover, asset)[:2] == b"PK"
    assert exports.bast_pdf(work, handover, asset)[:4] == b"%PDF"


def test_functionality_check_scores_and_is_idempotent(bajur, kpp):
    work = finish(package(bajur, ksm=ksm_with(bajur)))
    handover = assets.handover_record(
        actor=None,
        package=work,
        number="02/BAST",
        date=dt.date(2026, 4, 1),
        recipient="kpp",
        kpp=kpp,
    )
    check = assets.check_record(
        actor=None, asset=handover.asset, year=2027, checked_on=dt.date(2027, 4, 2), flags=FLAGS
    )
    assert check.score == 90  # 20 + 20 + 30 + 20, not upgraded
    again = assets.check_record(
        actor=None, asset=handover.asset, year=2027, checked_on=dt.date(2027, 4, 2), flags=FLAGS
    )
    assert again.pk == check.pk
    refused(
        WorksError.CHECK_EXISTS,
        assets.check_record,
        actor=None,
        asset=handover.asset,
        year=2027,
        checked_on=dt.date(2027, 4, 3),
        flags={**FLAGS, "used": False},
    )
    gone = assets.check_record(
        actor=None,
        asset=handover.asset,
        year=2028,
        checked_on=dt.date(2028, 4, 2),
        flags={**FLAGS, "exists": False},
    )
    assert gone.score == 0


def test_assets_overdue_for_a_check_are_listed_for_the_korkot(bajur, kpp):
    work = finish(package(bajur, ksm=ksm_with(bajur)))
    handover = assets.handover_record(
        actor=None,
        package=work,
        number="03/BAST",
        date=dt.date(2026, 4, 1),
        recipient="kpp",
        kpp=kpp,
    )
    assert selectors.assets_overdue("52.01", today=dt.date(2027, 3, 31)) == []
    assert selectors.assets_overdue("52.01", today=dt.date(2027, 4, 1)) == [handover.asset]
    assets.check_record(
        actor=None, asset=handover.asset, year=2027, checked_on=dt.date(2027, 4, 1), flags=FLAGS
    )
    assert selectors.assets_overdue("52.01", today=dt.date(2027, 4, 2)) == []


def test_maintenance_costs_and_iuran_in_the_ledger(bajur, kpp):
    from tridaya.finance.models import SwadayaContribution
    from tridaya.finance.tests.factories import opened

    opened(bajur)
    work = finish(package(bajur, ksm=ksm_with(bajur)))
    asset = assets.handover_record(
        actor=None,
        package=work,
        number="04/BAST",
        date=dt.date(2026, 4, 1),
        recipient="kpp",
        kpp=kpp,
    ).asset
    log = assets.maintenance_log(
        actor=None,
        asset=asset,
        date=dt.date(2026, 6, 1),
        description="Bersihkan sedimen",
        cost=250_000,
    )
    assert log.cost == 250_000
    refused(
        WorksError.BAD_AMOUNT,
        assets.maintenance_log,
        actor=None,
        asset=asset,
        date=dt.date(2026, 6, 1),
        description="x",
        cost=-1,
    )
    first = assets.iuran_record(
        actor=None, asset=asset, date=dt.date(2026, 6, 5), amount=150_000, key="iuran-juni"
    )
    again = assets.iuran_record(
        actor=None, asset=asset, date=dt.date(2026, 6, 5), amount=150_000, key="iuran-juni"
    )
    assert first.pk == again.pk
    assert SwadayaContribution.objects.get(voucher=first).value == 150_000
    [payment] = asset.iuran.all()  # the asset's fee register holds it once, with its voucher
    assert (payment.amount, payment.voucher_id, payment.date) == (
        150_000,
        first.pk,
        dt.date(2026, 6, 5),
    )


def test_money_and_physical_progress_side_by_side(bajur):
    from tridaya.finance.services.ledger import ksm_advance_open
    from tridaya.finance.tests.factories import released_activity, spend

    money_activity = released_activity(bajur, 10_000_000, price=200_000, volume="100")
    work = package(
        bajur,
        ksm=money_activity.proposal.ksm,
        activity=type("A", (), {"pk": money_activity.plan_activity_id})(),
    )
    account = ksm_advance_open(
        actor=None, ksm=money_activity.proposal.ksm, activity_key=money_activity.key
    )
    spend(bajur, account, 8_000_000)
    entry = progress.entry_draft(actor=None, package=work, date=dt.date(2026, 3, 10), percent=D(45))
    progress.photo_add(actor=None, package=work, entry=entry, file=photo(), slot=0)
    progress.entry_submit(actor=None, entry=entry)
    progress.entry_approve(actor=None, entry=entry)
    works = selectors.village_works(bajur, today=dt.date(2026, 3, 10))
    row = works.rows[0]
    assert row.money.released == 10_000_000 and row.money.spent == 8_000_000
    assert row.money_used == D("80.00")
    assert "uang terpakai 80%, fisik 45%" in row.money_flags


def test_finance_reads_approved_progress_through_its_registry(bajur):
    from tridaya.finance.registry import physical_progress

    work = package(bajur, ksm=ksm_with(bajur))
    assert physical_progress(bajur.code, None) is None  # nothing approved yet
    entry = progress.entry_draft(actor=None, package=work, date=dt.date(2026, 3, 10), percent=D(30))
    progress.photo_add(actor=None, package=work, entry=entry, file=photo(), slot=0)
    progress.entry_submit(actor=None, entry=entry)
    assert physical_progress(bajur.code, None) is None  # submitted does not count
    progress.entry_approve(actor=None, entry=entry)
    assert physical_progress(bajur.code, None) == D(30)


def test_handled_volumes_change_the_rt_class_as_the_scoring_rules_say(bajur):
    from tridaya.mapping import scoring
    from tridaya.mapping.criteria import criteria_of, current_criteria_set
    from tridaya.mapping.tests.factories import profile, rt_of, volumes_at, with_units

    village = with_units(bajur)
    rt = rt_of(village)
    profile(rt, share=D("0.8"))  # every criterion at 80%: 5 points each
    cset = criteria_of(current_criteria_set())
    volumes = volumes_at(D("0.8"))
    codes = [c.code for c in cset.criteria][:5]
    work = finish(package(village, ksm=ksm_with(village)))
    for code in codes:
        assets.handled_record(
            actor=None, package=work, rt=rt, year=2026, code=code, amount=volumes[code]
        )
    reduction = selectors.slum_reduction("52.01")
    [row] = reduction.villages
    label, before_label, after_label, contribution = row.rts[0]
    rest = {c: (D(0) if c in codes else v) for c, v in volumes.items()}
    from tridaya.mapping.selectors.slum import rt_profile

    expected = scoring.score(cset, scoring.Figures.of(rt_profile(rt, 2026)), rest)
    assert after_label == expected.class_label != before_label
    assert expected.total == 80 - 5 * len(codes)
    assert reduction.hectares_changed == D("10.00")  # the RT's area left its class
    assert before_label == "Kumuh berat" and contribution > 0
