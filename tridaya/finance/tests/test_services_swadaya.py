import pytest

from tridaya.finance.errors import FinanceError
from tridaya.finance.models import CostCategory, Purpose, SwadayaForm
from tridaya.finance.services.ledger import account_by_purpose
from tridaya.finance.services.swadaya import SwadayaInput, swadaya_record
from tridaya.finance.tests.factories import DAY, expense, opened
from tridaya.finance.tests.test_services_ledger import refused

pytestmark = pytest.mark.django_db


def test_labour_is_valued_as_days_times_rate(bajur):
    opened(bajur)
    data = SwadayaInput(
        form=SwadayaForm.LABOUR,
        date=DAY,
        description="Kerja bakti saluran",
        days=40,
        daily_rate=100_000,
        workers_men=12,
        workers_women=8,
    )
    voucher = swadaya_record(actor=None, village=bajur, data=data)
    assert voucher.swadaya.value == 4_000_000
    assert (voucher.swadaya.workers_men, voucher.swadaya.workers_women) == (12, 8)
    assert expense(bajur, CostCategory.UPAH).balance == 4_000_000
    assert account_by_purpose(bajur, Purpose.SWADAYA_LABOUR).balance == -4_000_000


def test_cash_goes_to_the_cash_box_and_materials_to_materials(bajur):
    opened(bajur)
    swadaya_record(
        actor=None,
        village=bajur,
        data=SwadayaInput(form=SwadayaForm.CASH, date=DAY, description="Iuran", amount=750_000),
    )
    swadaya_record(
        actor=None,
        village=bajur,
        data=SwadayaInput(form=SwadayaForm.MATERIAL, date=DAY, description="Pasir", amount=2_000),
    )
    assert account_by_purpose(bajur, Purpose.CASH).balance == 750_000
    assert expense(bajur, CostCategory.BAHAN).balance == 2_000


def test_labour_without_days_is_refused(bajur):
    opened(bajur)
    data = SwadayaInput(form=SwadayaForm.LABOUR, date=DAY, description="x", daily_rate=5)
    with refused(FinanceError.BAD_AMOUNT) as caught:
        swadaya_record(actor=None, village=bajur, data=data)
    assert caught.error.field == "days"
