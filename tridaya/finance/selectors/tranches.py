"""Reads about tranches: amounts per tranche from the pinned scheme, and each release
condition evaluated and explained in plain Indonesian (like the cycle's gates)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _

from tridaya.finance import registry
from tridaya.finance.models import (
    DOCUMENT_LABELS,
    Allocation,
    DisbursementRequest,
    Lpj,
    LpjStatus,
)
from tridaya.regions.models import Region


@dataclass(frozen=True)
class TrancheSpec:
    number: int
    label: str
    amount: int
    conditions: tuple[dict, ...]


@dataclass(frozen=True)
class ConditionResult:
    rule: str
    ok: bool
    message: str


def tranche_specs(allocation: Allocation) -> list[TrancheSpec]:
    """The allocation's tranches in rupiah. Percentages are rounded down; the last tranche takes
    the remainder, so the tranches add up to the allocation exactly."""
    tranches = allocation.tranche_scheme.definition["tranches"]
    amounts = [
        t["amount"] if "amount" in t else allocation.amount * t["percent"] // 100 for t in tranches
    ]
    if all("percent" in t for t in tranches):
        amounts[-1] = allocation.amount - sum(amounts[:-1])
    return [
        TrancheSpec(n, t["label"], amount, tuple(t.get("conditions", ())))
        for n, (t, amount) in enumerate(zip(tranches, amounts, strict=True), start=1)
    ]


def _previous_lpj(request: DisbursementRequest, condition: dict) -> ConditionResult:
    rule = "previous_lpj_accepted"
    if request.tranche == 1:
        return ConditionResult(rule, True, _("Tahap pertama: tidak perlu LPJ tahap sebelumnya."))
    previous = request.tranche - 1
    accepted = Lpj.objects.filter(
        allocation_id=request.allocation_id, tranche=previous, status=LpjStatus.ACCEPTED
    ).exists()
    if accepted:
        return ConditionResult(rule, True, _("LPJ tahap %(n)s sudah diterima.") % {"n": previous})
    return ConditionResult(
        rule,
        False,
        _("LPJ tahap %(n)s belum diterima fasilitator: ajukan LPJ dan tunggu diterima.")
        % {"n": previous},
    )


def _pct(value: Decimal) -> str:
    text = f"{value:.1f}".replace(".", ",")
    return text[:-2] if text.endswith(",0") else text


def _physical_progress(request: DisbursementRequest, condition: dict) -> ConditionResult:
    rule = "physical_progress"
    wanted = Decimal(condition["min_percent"])
    if not registry.has_progress_provider():
        return ConditionResult(
            rule,
            False,
            _(
                "Progres fisik belum bisa dibaca: belum ada modul pekerjaan yang melaporkan "
                "progres yang disetujui (syarat %(min)s%%)."
            )
            % {"min": _pct(wanted)},
        )
    value = registry.physical_progress(request.allocation.village_id, request.allocation)
    if value is None:
        return ConditionResult(
            rule,
            False,
            _("Belum ada progres fisik yang disetujui (syarat %(min)s%%).") % {"min": _pct(wanted)},
        )
    params = {"value": _pct(value), "min": _pct(wanted)}
    if value < wanted:
        return ConditionResult(
            rule, False, _("Progres fisik %(value)s%%, kurang dari syarat %(min)s%%.") % params
        )
    return ConditionResult(
        rule, True, _("Progres fisik %(value)s%%, memenuhi syarat %(min)s%%.") % params
    )


def document_label(code: str) -> str:
    return str(DOCUMENT_LABELS.get(code, code))


def _documents(request: DisbursementRequest, condition: dict) -> ConditionResult:
    rule = "documents"
    missing = [
        document_label(code)
        for code in condition.get("items", [])
        if not (
            request.documents.get(code, {}).get("present")
            and request.documents.get(code, {}).get("correct")
        )
    ]
    if missing:
        return ConditionResult(
            rule,
            False,
            _("Dokumen belum ada atau belum benar: %(docs)s.") % {"docs": ", ".join(missing)},
        )
    return ConditionResult(rule, True, _("Dokumen lengkap dan benar."))


RULES = {
    "previous_lpj_accepted": _previous_lpj,
    "physical_progress": _physical_progress,
    "documents": _documents,
}


def request_spec(request: DisbursementRequest) -> TrancheSpec:
    return tranche_specs(request.allocation)[request.tranche - 1]


def request_conditions(request: DisbursementRequest) -> list[ConditionResult]:
    """Each condition of the request's tranche, evaluated and explained."""
    return [RULES[c["rule"]](request, c) for c in request_spec(request).conditions]


def request_checklist(request: DisbursementRequest) -> list[dict]:
    """The documents the tranche names, with what the verifiers ticked."""
    codes: list[str] = []
    for condition in request_spec(request).conditions:
        codes += [c for c in condition.get("items", []) if c not in codes]
    return [
        {"code": code, "label": document_label(code), **request.documents.get(code, {})}
        for code in codes
    ]


def ladder_of(allocation: Allocation) -> list[dict]:
    return list(allocation.scheme.definition["ladder"])


def requests_of(allocation: Allocation) -> QuerySet[DisbursementRequest]:
    return DisbursementRequest.objects.filter(allocation=allocation).select_related(
        "receipt_voucher"
    )


def allocations_of(village: Region) -> list[Allocation]:
    """The village's allocations with their scheme and disbursement requests (2 queries)."""
    return list(
        Allocation.objects.filter(village=village)
        .select_related("scheme", "tranche_scheme", "ksm_scheme", "return_voucher")
        .prefetch_related("requests", "lpjs")
        .order_by("-budget_year", "id")
    )


def allocation_totals_by_village(codes: Sequence[str]) -> dict[str, int]:
    """One query: the sum of the allocations of each village in `codes` that has any (the public
    village page's "Alokasi BLM": every allocation it lists, whatever its status)."""
    rows = (
        Allocation.objects.filter(village_id__in=list(codes))
        .values_list("village_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return {village: int(total or 0) for village, total in rows}
