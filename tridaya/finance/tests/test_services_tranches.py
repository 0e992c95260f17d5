import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from tridaya.accounts.tests.factories import user_with_role
from tridaya.finance import registry
from tridaya.finance.errors import FinanceError
from tridaya.finance.models import RequestStatus, SignOff
from tridaya.finance.selectors.tranches import request_conditions, tranche_specs
from tridaya.finance.services.allocations import allocation_create, allocation_set_status
from tridaya.finance.services.reports import lpj_decide, lpj_submit
from tridaya.finance.services.tranches import (
    request_create,
    request_documents_set,
    request_sign,
    request_submit,
)
from tridaya.finance.tests.factories import bank, opened
from tridaya.finance.tests.test_services_ledger import refused
from tridaya.regions.tests.factories import BAJUR

pytestmark = pytest.mark.django_db

DOCS_1 = ["pp_blm", "kuitansi", "resume", "rekening_bkm", "perjanjian_kerja_sama"]
DOCS_2 = ["pp_blm", "kuitansi", "resume", "rekening_bkm"]
DAY = dt.date(2026, 4, 1)


@pytest.fixture
def allocation(bajur):
    opened(bajur)
    return allocation_create(actor=None, village=bajur, program_code="plpbk", budget_year=2026)


def tick(request, codes):
    return request_documents_set(
        actor=None,
        request=request,
        documents={c: {"present": True, "correct": True} for c in codes},
    )


def sign_all(request, *, start=1, date=DAY):
    ladder = request.allocation.scheme.definition["ladder"]
    for step in ladder[start - 1 :]:
        request_sign(actor=None, request=request, signer_name=f"Pak {step['code']}", signed_on=date)
    request.refresh_from_db()
    return request


def disbursed_first(allocation):
    request = tick(request_create(actor=None, allocation=allocation, tranche=1), DOCS_1)
    request_submit(actor=None, request=request)
    return sign_all(request)


def test_tranches_add_up_to_the_allocation(allocation):
    allocation.amount = 1_000_000_001
    specs = tranche_specs(allocation)
    assert [s.amount for s in specs] == [700_000_000, 300_000_001]
    assert [s.label for s in specs] == ["Tahap I", "Tahap II"]


def test_conditions_are_explained_and_block_submission(allocation):
    request = request_create(actor=None, allocation=allocation, tranche=1)
    results = request_conditions(request)
    assert [r.ok for r in results] == [False]
    assert "Perjanjian kerja sama" in results[0].message
    with refused(FinanceError.CONDITIONS_NOT_MET) as caught:
        request_submit(actor=None, request=request)
    assert "PP-BLM" in caught.error.message
    request = tick(request, DOCS_1[:-1])
    assert "Perjanjian kerja sama" in request_conditions(request)[0].message
    assert "Kuitansi" not in request_conditions(request)[0].message


def test_ladder_in_order_and_last_signature_posts_the_receipt(bajur, allocation):
    request = disbursed_first(allocation)
    assert request.status == RequestStatus.DISBURSED
    steps = list(SignOff.objects.filter(request=request).values_list("step_code", flat=True))
    assert steps == ["tim_faskel", "pjok", "korkot", "ppk", "satker"]
    assert request.receipt_voucher.kind == "masuk"
    assert bank(bajur).balance == 700_000_000
    with refused(FinanceError.REQUEST_STATUS):
        request_sign(actor=None, request=request, signer_name="Lagi", signed_on=DAY)


def test_refusal_returns_it_with_the_reason_and_a_new_round_starts_at_the_bottom(allocation):
    request = tick(request_create(actor=None, allocation=allocation, tranche=1), DOCS_1)
    request_submit(actor=None, request=request)
    request_sign(actor=None, request=request, signer_name="Bu Faskel", signed_on=DAY)
    with refused(FinanceError.REASON_TOO_SHORT):
        request_sign(
            actor=None,
            request=request,
            signer_name="Pak PJOK",
            signed_on=DAY,
            approve=False,
            notes="salah",
        )
    request_sign(
        actor=None,
        request=request,
        signer_name="Pak PJOK",
        signed_on=DAY,
        approve=False,
        notes="Nomor rekening di kuitansi tidak sama",
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.RETURNED
    assert request.return_reason == "Nomor rekening di kuitansi tidak sama"
    request_submit(actor=None, request=request)
    request.refresh_from_db()
    assert request.round == 2
    first = request_sign(actor=None, request=request, signer_name="Bu Faskel", signed_on=DAY)
    assert (first.round, first.step_code) == (2, "tim_faskel")


def test_second_tranche_waits_for_the_first_lpj_and_physical_progress(bajur, allocation):
    with refused(FinanceError.TRANCHE_OUT_OF_ORDER):
        request_create(actor=None, allocation=allocation, tranche=2)
    disbursed_first(allocation)
    second = tick(request_create(actor=None, allocation=allocation, tranche=2), DOCS_2)
    messages = {r.rule: r for r in request_conditions(second)}
    assert not messages["previous_lpj_accepted"].ok
    assert "LPJ tahap 1" in messages["previous_lpj_accepted"].message
    assert not messages["physical_progress"].ok
    assert "belum ada modul pekerjaan" in messages["physical_progress"].message

    lpj = lpj_submit(actor=None, allocation=allocation, tranche=1, period_end=DAY)
    lpj_decide(actor=None, lpj=lpj, accept=True)

    def provider(code, alloc):
        return Decimal("42.5") if code == BAJUR else None

    registry.register_progress_provider(provider)
    try:
        result = {r.rule: r for r in request_conditions(second)}["physical_progress"]
        assert not result.ok and "42,5%" in result.message and "50%" in result.message
        registry.unregister_progress_provider(provider)
        registry.register_progress_provider(lambda code, alloc: 55)
        assert all(r.ok for r in request_conditions(second))
        request_submit(actor=None, request=second)
        sign_all(second)
    finally:
        registry._progress_providers.clear()
    assert bank(bajur).balance == 1_000_000_000


def test_suspended_allocation_disburses_nothing(allocation):
    request = tick(request_create(actor=None, allocation=allocation, tranche=1), DOCS_1)
    request_submit(actor=None, request=request)
    allocation_set_status(
        actor=None,
        allocation=allocation,
        move="suspend",
        reason="Temuan pemeriksaan kas oleh fasilitator",
    )
    with refused(FinanceError.ALLOCATION_NOT_ACTIVE):
        request_sign(actor=None, request=request, signer_name="Bu Faskel", signed_on=DAY)


def test_who_signs_and_who_submits(allocation):
    request = tick(request_create(actor=None, allocation=allocation, tranche=1), DOCS_1)
    with pytest.raises(PermissionDenied):
        request_submit(actor=user_with_role("facilitator", BAJUR), request=request)
    request_submit(actor=user_with_role("upk", BAJUR), request=request)
    with pytest.raises(PermissionDenied):
        request_sign(
            actor=user_with_role("bkm", BAJUR), request=request, signer_name="X", signed_on=DAY
        )
    request_sign(
        actor=user_with_role("facilitator", BAJUR), request=request, signer_name="X", signed_on=DAY
    )


def test_lpj_return_needs_a_reason(allocation):
    lpj = lpj_submit(actor=None, allocation=allocation, tranche=1, period_end=DAY)
    with refused(FinanceError.LPJ_EXISTS):
        lpj_submit(actor=None, allocation=allocation, tranche=1, period_end=DAY)
    with refused(FinanceError.REASON_TOO_SHORT):
        lpj_decide(actor=None, lpj=lpj, accept=False, reason="kurang")
    lpj_decide(actor=None, lpj=lpj, accept=False, reason="Kuitansi semen tidak dilampirkan")
    again = lpj_submit(actor=None, allocation=allocation, tranche=1, period_end=DAY)
    assert again.pk != lpj.pk


def test_signoffs_are_append_only_in_the_database(allocation):
    from django.db import DatabaseError, transaction

    request = disbursed_first(allocation)
    with pytest.raises(DatabaseError), transaction.atomic():
        SignOff.objects.filter(request=request).update(signer_name="Orang lain")
    with pytest.raises(DatabaseError), transaction.atomic():
        SignOff.objects.filter(request=request).delete()
