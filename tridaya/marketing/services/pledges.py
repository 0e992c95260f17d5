"""The pipeline of a pledge: pledged -> committed (a signed agreement uploaded, checked by its
content) -> realised (money or in kind, with evidence); or withdrawn with a reason from pledged or
committed. A commitment recorded in error goes back to pledged, a realisation back to committed,
each with a reason. Every move refuses a wrong source state with a coded error and is audited.

An activity is never committed beyond its cost (BLM + swadaya + commitments) without a stated
reason; the pledges of an activity are locked in id order while that is checked, so two
commitments at once cannot both slip under the cost."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, cast

from django.apps import apps
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.accounts.models import User
from tridaya.core.audit import record_event
from tridaya.core.errors import DomainError
from tridaya.core.params import parse_id
from tridaya.core.policy import authorize
from tridaya.cycle.models import Meeting
from tridaya.marketing import policy, registry, selectors, targets
from tridaya.marketing.errors import MarketingError
from tridaya.marketing.files import check_document
from tridaya.marketing.funding import Funding, would_over_commit
from tridaya.marketing.models import (
    AgreementKind,
    CountsAs,
    FundingSource,
    Partner,
    Pledge,
    PledgeState,
)
from tridaya.marketing.services import city_code, require_reason
from tridaya.regions.models import Region

if TYPE_CHECKING:
    from tridaya.planning.models import Activity, InvestmentRow


def _rp(value: int) -> str:
    return "Rp " + f"{value:,}".replace(",", ".")


def _require_state(pledge: Pledge, *states: str) -> None:
    if pledge.state not in states:
        wanted = ", ".join(str(PledgeState(s).label) for s in states)
        raise DomainError(
            _("Janji %(partner)s berstatus %(state)s; tindakan ini hanya untuk status: %(wanted)s.")
            % {"partner": pledge.partner, "state": pledge.get_state_display(), "wanted": wanted},
            code=MarketingError.WRONG_STATE,
        )


def _locked(pledge: Pledge) -> Pledge:
    """The pledge, locked together with every pledge of its activity or row, always in id
    order: a move that checks the target's funding then holds no lock another move waits on
    out of order (locking the pledge first deadlocked two commitments on PostgreSQL)."""
    activity_id, row_id = (
        Pledge.objects.filter(pk=pledge.pk).values_list("activity_id", "investment_row_id").get()
    )
    same_target = {"activity_id": activity_id} if activity_id else {"investment_row_id": row_id}
    list(
        Pledge.objects.select_for_update()
        .filter(**same_target)
        .order_by("id")
        .values_list("id", flat=True)
    )
    return (
        Pledge.objects.select_for_update(of=("self",))
        .select_related("partner", "source", "activity__version__plan__kawasan")
        .select_related("investment_row__version__plan__kawasan")
        .get(pk=pledge.pk)
    )


def target_funding(target: targets.Target, *, exclude: int | None = None) -> Funding:
    """The funding of a target from the pledges that count on it, locked in id order
    (PostgreSQL). A target of a superseded plan version counts on its in-force copy, and the
    pledges carried over from superseded copies count there too, as the gap report shows."""
    target = selectors.in_force_twin(target)
    found = selectors.counted_on(target).select_for_update(of=("self",))
    if exclude is not None:
        found = found.exclude(pk=exclude)
    pledges = list(found.order_by("id"))
    committed = sum(p.counted_amount for p in pledges)
    pending = sum(p.amount for p in pledges if p.state == PledgeState.PLEDGED)
    return target.funding(committed, pending)


def _check_over_commit(target: targets.Target, pledge: Pledge, amount: int, reason: str) -> str:
    target = selectors.in_force_twin(target)
    current = target_funding(target, exclude=pledge.pk)
    if not would_over_commit(current, amount):
        return ""
    after = current.with_commitment(amount)
    if not (reason or "").strip():
        raise DomainError(
            _(
                "%(name)s: BLM, swadaya dan komitmen menjadi %(total)s, melebihi biayanya "
                "%(cost)s sebesar %(over)s. Kurangi nilainya atau tulis alasan kelebihan."
            )
            % {
                "name": target.name,
                "total": _rp(after.brought),
                "cost": _rp(target.cost),
                "over": _rp(after.over),
            },
            code=MarketingError.OVER_COMMITTED,
            field="over_commit_reason",
        )
    return require_reason(reason, field="over_commit_reason", label=_("Alasan kelebihan"))


def _check_target(village: Region, target: targets.Target) -> None:
    if target.village_id != village.code:
        raise DomainError(
            _("%(name)s milik rencana kelurahan/desa lain.") % {"name": target.name},
            code=MarketingError.TARGET_ELSEWHERE,
        )
    if not target.is_legalised:
        raise DomainError(
            _(
                "%(name)s ada di %(plan)s yang belum disahkan. Janji pendanaan dicatat untuk "
                "kegiatan rencana yang sudah disahkan."
            )
            % {"name": target.name, "plan": target.plan_title},
            code=MarketingError.PLAN_NOT_LEGALISED,
        )


def _check_pledge_facts(
    village: Region, target: targets.Target, partner: Partner, source: FundingSource, year: int
) -> None:
    if partner.city_id != city_code(village.code):
        raise DomainError(
            _("Mitra %(name)s ada di register kabupaten/kota lain.") % {"name": partner.name},
            code=MarketingError.PARTNER_ELSEWHERE,
            field="partner",
        )
    if source.counts_as == CountsAs.BLM:
        raise DomainError(
            _("%(source)s adalah dana program sendiri, bukan dana mitra; pilih sumber lain.")
            % {"source": source.label},
            code=MarketingError.SOURCE_NOT_PARTNER,
            field="source",
        )
    if year not in target.years:
        raise DomainError(
            _("Tahun %(year)s di luar jangka rencana %(first)s-%(last)s.")
            % {"year": year, "first": target.years[0], "last": target.years[-1]},
            code=MarketingError.YEAR_OUTSIDE_PLAN,
            field="year",
        )


def _target_object(target: Activity | InvestmentRow | str) -> Activity | InvestmentRow:
    """The activity or investment row, re-read with its version (a caller's copy may predate
    the legalisation); `target` may be a model instance or a key ("activity-12", "row-7")."""
    if isinstance(target, str):
        kind, _sep, pk = target.partition("-")
        model = apps.get_model("planning", "Activity" if kind == "activity" else "InvestmentRow")
        if kind not in ("activity", "row") or parse_id(pk) is None:
            raise DomainError(
                _("Pilih kegiatan dari daftar."),
                code=MarketingError.TARGET_ELSEWHERE,
                field="target",
            )
        target_model, target_pk = model, int(pk)
    else:
        target_model, target_pk = type(target), target.pk
    found = (
        target_model.objects.select_related("version__plan__kawasan").filter(pk=target_pk).first()
    )
    if found is None:
        raise DomainError(
            _("Kegiatan itu tidak ada."),
            code=MarketingError.TARGET_ELSEWHERE,
            field="target",
        )
    return found


@transaction.atomic(durable=True)
def pledge_create(
    *,
    actor: User | None,
    village: Region,
    target: Activity | InvestmentRow | str,
    partner: Partner,
    source: FundingSource,
    amount: int,
    year: int,
    pledged_on: dt.date,
    meeting: Meeting | None = None,
) -> Pledge:
    """Record a partner's pledge for an activity (RTPLP) or an investment row (RPLP) of a
    legalised plan of the village. A pledge is not yet money: it counts once committed."""
    authorize(actor, policy.PLEDGE, village)
    target = _target_object(target)
    facts = (
        targets.of_activity(target)
        if target._meta.model_name == "activity"
        else targets.of_row(target)
    )
    _check_target(village, facts)
    _check_pledge_facts(village, facts, partner, source, year)
    if meeting is not None and city_code(meeting.village_id) != city_code(village.code):
        raise DomainError(
            _("Pertemuan itu diadakan di kabupaten/kota lain."),
            code=MarketingError.FORUM_MEETING,
            field="meeting",
        )
    pledge = Pledge(
        village=village,
        # facts.kind says which of the two models _target_object returned
        activity=cast("Activity", target) if facts.kind == "activity" else None,
        investment_row=cast("InvestmentRow", target) if facts.kind == "row" else None,
        partner=partner,
        source=source,
        amount=amount,
        year=year,
        pledged_on=pledged_on,
        meeting=meeting,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    pledge.full_clean()
    pledge.save()
    record_event(
        actor=actor,
        action="marketing.pledge_created",
        obj=pledge,
        changes={
            "target": [None, facts.name],
            "partner": [None, partner.name],
            "source": [None, source.code],
            "amount": [None, amount],
            "year": [None, year],
            "state": [None, PledgeState.PLEDGED],
        },
    )
    return pledge


@transaction.atomic(durable=True)
def pledge_commit(
    *,
    actor: User | None,
    pledge: Pledge,
    agreement_kind: str,
    agreement_file: File | None,
    committed_on: dt.date,
    amount: int | None = None,
    conditions: str = "",
    over_commit_reason: str = "",
) -> Pledge:
    """The partner signed: an MoU, PKS or kesepakatan is uploaded (checked by its content).
    The committed amount may differ from the pledge (`amount`)."""
    authorize(actor, policy.COMMIT, pledge)
    pledge = _locked(pledge)
    _require_state(pledge, PledgeState.PLEDGED)
    if agreement_kind not in AgreementKind.values:
        raise DomainError(
            _("Pilih jenis kesepakatan."),
            code=MarketingError.FILE_TYPE,
            field="agreement_kind",
        )
    check_document(agreement_file, field="agreement_file", label=_("Berkas kesepakatan"))
    if committed_on < pledge.pledged_on:
        raise DomainError(
            _("Tanggal kesepakatan %(date)s sebelum tanggal janji.") % {"date": committed_on},
            code=MarketingError.DATE_ORDER,
            field="committed_on",
        )
    before_amount = pledge.amount
    pledge.amount = amount if amount is not None else pledge.amount
    reason = _check_over_commit(
        targets.of_pledge(pledge), pledge, pledge.amount, over_commit_reason
    )
    pledge.state = PledgeState.COMMITTED
    pledge.agreement_kind = agreement_kind
    pledge.agreement_file = agreement_file
    pledge.committed_on = committed_on
    pledge.conditions = conditions.strip()
    pledge.over_commit_reason = reason
    pledge.full_clean()
    pledge.save()
    record_event(
        actor=actor,
        action="marketing.pledge_committed",
        obj=pledge,
        changes={
            "state": [PledgeState.PLEDGED, PledgeState.COMMITTED],
            "amount": [before_amount, pledge.amount],
            "agreement_kind": [None, agreement_kind],
            "committed_on": [None, committed_on.isoformat()],
            **({"over_commit_reason": [None, reason]} if reason else {}),
        },
    )
    return pledge


@transaction.atomic(durable=True)
def pledge_realise(
    *,
    actor: User | None,
    pledge: Pledge,
    amount: int,
    realised_on: dt.date,
    evidence_file: File | None,
    in_kind: bool = False,
    in_kind_description: str = "",
    over_commit_reason: str = "",
    through_bkm: bool = False,
) -> Pledge:
    """The money (or goods and services, valued in rupiah) arrived, with evidence. Money that
    passed through the BKM's bank account (`through_bkm`) is also posted in the ledger, in the
    same transaction, by what finance registered (see registry.py)."""
    authorize(actor, policy.COMMIT, pledge)
    pledge = _locked(pledge)
    _require_state(pledge, PledgeState.COMMITTED)
    _check_through_bkm(through_bkm, in_kind)
    if amount is None or amount <= 0:
        raise DomainError(
            _("Nilai realisasi harus lebih dari Rp 0."),
            code=MarketingError.WRONG_STATE,
            field="realised_amount",
        )
    check_document(evidence_file, field="evidence_file", label=_("Bukti realisasi"))
    if pledge.committed_on and realised_on < pledge.committed_on:
        raise DomainError(
            _("Tanggal realisasi %(date)s sebelum tanggal kesepakatan.") % {"date": realised_on},
            code=MarketingError.DATE_ORDER,
            field="realised_on",
        )
    reason = _check_over_commit(
        targets.of_pledge(pledge), pledge, amount, over_commit_reason or pledge.over_commit_reason
    )
    pledge.state = PledgeState.REALISED
    pledge.realised_amount = amount
    pledge.realised_on = realised_on
    pledge.evidence_file = evidence_file
    pledge.in_kind = in_kind
    pledge.in_kind_description = in_kind_description.strip()
    pledge.through_bkm = through_bkm
    pledge.over_commit_reason = reason
    pledge.full_clean()
    pledge.save()
    record_event(
        actor=actor,
        action="marketing.pledge_realised",
        obj=pledge,
        changes={
            "state": [PledgeState.COMMITTED, PledgeState.REALISED],
            "realised_amount": [None, amount],
            "realised_on": [None, realised_on.isoformat()],
            "in_kind": [None, in_kind],
            **({"through_bkm": [False, True]} if through_bkm else {}),
        },
    )
    if through_bkm:
        for hook in registry.bkm_receipts():
            hook.on_realised(actor=actor, pledge=pledge)
    return pledge


def _check_through_bkm(through_bkm: bool, in_kind: bool) -> None:
    if not through_bkm:
        return
    if in_kind:
        raise DomainError(
            _(
                "Barang/jasa tidak masuk rekening BKM: hapus centang 'diterima di rekening BKM' "
                "atau 'dalam bentuk barang/jasa'."
            ),
            code=MarketingError.BKM_IN_KIND,
            field="through_bkm",
        )
    if not registry.bkm_receipts():
        raise DomainError(
            _("Buku kas BKM belum tersedia, sehingga dana ini tidak dapat dibukukan."),
            code=MarketingError.NO_LEDGER,
            field="through_bkm",
        )


@transaction.atomic(durable=True)
def pledge_withdraw(
    *, actor: User | None, pledge: Pledge, reason: str, withdrawn_on: dt.date
) -> Pledge:
    """The partner stepped back (from a pledge or a commitment); the reason is kept."""
    authorize(actor, policy.PLEDGE, pledge)
    pledge = _locked(pledge)
    _require_state(pledge, PledgeState.PLEDGED, PledgeState.COMMITTED)
    if pledge.state == PledgeState.COMMITTED:
        authorize(actor, policy.COMMIT, pledge)
    text = require_reason(reason, field="reason", label=_("Alasan batal"))
    previous = pledge.state
    pledge.withdrawn_from = previous
    pledge.state = PledgeState.WITHDRAWN
    pledge.withdrawal_reason = text
    pledge.withdrawn_on = withdrawn_on
    pledge.full_clean()
    pledge.save()
    record_event(
        actor=actor,
        action="marketing.pledge_withdrawn",
        obj=pledge,
        changes={"state": [previous, PledgeState.WITHDRAWN], "reason": [None, text]},
    )
    return pledge


@transaction.atomic(durable=True)
def pledge_revert(*, actor: User | None, pledge: Pledge, reason: str) -> Pledge:
    """Undo the last step recorded in error: a realisation goes back to committed, a commitment
    back to pledged (its agreement file is detached), a withdrawal back to where it was."""
    authorize(actor, policy.COMMIT, pledge)
    pledge = _locked(pledge)
    _require_state(pledge, PledgeState.COMMITTED, PledgeState.REALISED, PledgeState.WITHDRAWN)
    text = require_reason(reason, field="reason", label=_("Alasan pengembalian status"))
    previous = pledge.state
    if previous == PledgeState.REALISED and pledge.through_bkm:
        for hook in registry.bkm_receipts():
            hook.on_reverted(actor=actor, pledge=pledge, reason=text)
    if previous == PledgeState.REALISED:
        pledge.state = PledgeState.COMMITTED
        pledge.through_bkm = False
        pledge.realised_amount = None
        pledge.realised_on = None
        pledge.evidence_file = ""
        pledge.in_kind, pledge.in_kind_description = False, ""
    elif previous == PledgeState.COMMITTED:
        pledge.state = PledgeState.PLEDGED
        pledge.agreement_kind, pledge.agreement_file = "", ""
        pledge.committed_on, pledge.conditions, pledge.over_commit_reason = None, "", ""
    else:
        back = pledge.withdrawn_from or PledgeState.PLEDGED
        if back == PledgeState.COMMITTED:
            _check_over_commit(
                targets.of_pledge(pledge), pledge, pledge.amount, pledge.over_commit_reason
            )
        pledge.state = back
        pledge.withdrawn_on, pledge.withdrawal_reason, pledge.withdrawn_from = None, "", ""
    pledge.full_clean()
    pledge.save()
    record_event(
        actor=actor,
        action="marketing.pledge_reverted",
        obj=pledge,
        changes={"state": [previous, pledge.state], "reason": [None, text]},
    )
    return pledge
