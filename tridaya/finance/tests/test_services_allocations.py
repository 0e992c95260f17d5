import datetime as dt
import shutil
from decimal import Decimal

import pytest

from tridaya.core.models import AuditEvent
from tridaya.finance.definitions import SCHEMES_DIR, forget_loaded, sync_schemes
from tridaya.finance.errors import FinanceError
from tridaya.finance.models import AllocationStatus, Purpose, SchemeDefinition
from tridaya.finance.services.allocations import (
    allocation_create,
    allocation_return_unspent,
    allocation_set_status,
)
from tridaya.finance.services.ledger import account_by_purpose
from tridaya.finance.tests.factories import advance, bank, opened, receive_blm
from tridaya.finance.tests.test_services_ledger import refused

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_loader():
    forget_loaded()
    yield
    forget_loaded()


def test_plpbk_allocation_defaults_come_from_settings(bajur, settings):
    allocation = allocation_create(
        actor=None, village=bajur, program_code="plpbk", budget_year=2026
    )
    assert allocation.amount == 1_000_000_000
    assert allocation.min_physical_percent == Decimal(70)
    assert allocation.funding_source == "APBN"
    assert (allocation.tranche_scheme.code, allocation.ksm_scheme.code) == (
        "bpm-70-30",
        "ksm-60-30-10",
    )
    settings.FINANCE_PLPBK_AMOUNT = 1_500_000_000
    settings.FINANCE_MIN_PHYSICAL_PERCENT = 65
    later = allocation_create(actor=None, village=bajur, program_code="plpbk", budget_year=2027)
    assert (later.amount, later.min_physical_percent) == (1_500_000_000, Decimal(65))
    with refused(FinanceError.ALLOCATION_EXISTS):
        allocation_create(actor=None, village=bajur, program_code="plpbk", budget_year=2027)


def test_kolaborasi_has_two_fixed_tranches(bajur):
    allocation = allocation_create(
        actor=None, village=bajur, program_code="bdi-kolaborasi", budget_year=2026
    )
    amounts = [t["amount"] for t in allocation.tranche_scheme.definition["tranches"]]
    assert (allocation.amount, amounts) == (250_000_000, [150_000_000, 100_000_000])


def test_unknown_program_is_refused(bajur):
    with refused(FinanceError.SCHEME_UNKNOWN):
        allocation_create(actor=None, village=bajur, program_code="tidak-ada", budget_year=2026)


def _copy_schemes(tmp_path):
    target = tmp_path / "schemes"
    shutil.copytree(SCHEMES_DIR, target)
    return target


def test_a_changed_loaded_scheme_is_refused(tmp_path):
    folder = _copy_schemes(tmp_path)
    sync_schemes(folder)
    path = folder / "tranches" / "ksm-60-30-10-v1.toml"
    path.write_text(
        path.read_text()
        .replace("percent = 60", "percent = 50")
        .replace("percent = 30\n", "percent = 40\n", 1)
    )
    with refused(FinanceError.SCHEME_CHANGED) as caught:
        sync_schemes(folder, force=True)
    assert "ksm-60-30-10-v1.toml" in caught.error.message


def test_running_allocation_keeps_its_version(bajur, tmp_path):
    folder = _copy_schemes(tmp_path)
    sync_schemes(folder)
    allocation = allocation_create(
        actor=None, village=bajur, program_code="plpbk", budget_year=2026
    )
    text = (folder / "programs" / "plpbk-v1.toml").read_text()
    (folder / "programs" / "plpbk-v2.toml").write_text(
        text.replace("version = 1", "version = 2").replace('name = "BLM PLPBK"', 'name = "X"')
    )
    sync_schemes(folder, force=True)
    assert SchemeDefinition.objects.filter(code="plpbk").count() == 2
    allocation.refresh_from_db()
    assert allocation.scheme.version == 1
    newer = allocation_create(actor=None, village=bajur, program_code="plpbk", budget_year=2027)
    assert newer.scheme.version == 2


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("percent = 10", "percent = 15", "harus 100"),
        ('rule = "previous_lpj_accepted"', 'rule = "bulan_purnama"', "bulan_purnama"),
        ('level = "ksm"', 'level = "rt"', "level"),
    ],
)
def test_bad_tranche_files_are_refused_naming_the_problem(tmp_path, old, new, message):
    folder = _copy_schemes(tmp_path)
    path = folder / "tranches" / "ksm-60-30-10-v1.toml"
    path.write_text(path.read_text().replace(old, new, 1))
    with refused(FinanceError.SCHEME_INVALID) as caught:
        sync_schemes(folder)
    assert message in caught.error.message and "ksm-60-30-10-v1.toml" in caught.error.message


def test_suspend_resume_cancel_need_a_reason_and_the_right_status(bajur):
    allocation = allocation_create(
        actor=None, village=bajur, program_code="plpbk", budget_year=2026
    )
    with refused(FinanceError.REASON_TOO_SHORT):
        allocation_set_status(actor=None, allocation=allocation, move="suspend", reason="x")
    allocation_set_status(
        actor=None,
        allocation=allocation,
        move="suspend",
        reason="BKM belum siap dengan laporan keuangan",
    )
    with refused(FinanceError.ALLOCATION_STATUS):
        allocation_set_status(
            actor=None,
            allocation=allocation,
            move="close",
            reason="Semua kegiatan sudah selesai dikerjakan",
        )
    allocation_set_status(
        actor=None,
        allocation=allocation,
        move="cancel",
        reason="Penyalahgunaan dana tahap I oleh pengurus",
    )
    allocation.refresh_from_db()
    assert allocation.status == AllocationStatus.CANCELLED
    assert allocation.status_reason == "Penyalahgunaan dana tahap I oleh pengurus"
    assert AuditEvent.objects.filter(action="finance.allocation_cancel").exists()


def test_unspent_money_is_returned_as_a_voucher(bajur):
    allocation = allocation_create(
        actor=None, village=bajur, program_code="plpbk", budget_year=2026
    )
    advance(bajur, 300_000)
    receive_blm(bajur, 50_000)
    allocation = allocation_return_unspent(
        actor=None,
        allocation=allocation,
        date=dt.date(2026, 12, 20),
        reason="Akhir tahun anggaran, sisa dana dikembalikan",
    )
    voucher = allocation.return_voucher
    assert voucher.entries.get(credit__gt=0).credit == 50_000
    assert bank(bajur).balance == 0
    assert account_by_purpose(bajur, Purpose.RETURNED).balance == 50_000
    assert allocation.status == AllocationStatus.CLOSED
    with refused(FinanceError.ALLOCATION_STATUS):
        allocation_return_unspent(
            actor=None,
            allocation=allocation,
            date=dt.date(2026, 12, 21),
            reason="Dikembalikan sekali lagi ke kas negara",
        )


def test_nothing_to_return_is_said(bajur):
    opened(bajur)
    allocation = allocation_create(
        actor=None, village=bajur, program_code="plpbk", budget_year=2026
    )
    with refused(FinanceError.NOTHING_TO_RETURN):
        allocation_return_unspent(
            actor=None,
            allocation=allocation,
            date=dt.date(2026, 12, 20),
            reason="Akhir tahun anggaran, tidak ada sisa?",
        )
