import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tridaya.core.errors import DomainError
from tridaya.core.models import AuditEvent
from tridaya.marketing.errors import MarketingError
from tridaya.marketing.models import PartnerType, PledgeState
from tridaya.marketing.selectors import funding_gaps
from tridaya.marketing.services import partners as partner_services
from tridaya.marketing.services import pledges as pledge_services
from tridaya.marketing.tests import factories as f
from tridaya.regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(bajur):
    version, rows = f.legalised_rplp(bajur, rows=2)
    return version, rows


@pytest.fixture
def opd(bajur):
    return f.partner(bajur)


# --- Partners ---------------------------------------------------------------------------------


def test_one_register_per_city_shared_by_its_villages(bajur, terong_tawah, opd):
    assert opd.city_id == "52.01"
    with pytest.raises(DomainError) as refused:
        f.partner(terong_tawah, name="  DINAS perumahan & permukiman, Lombok Barat ")
    assert refused.value.code == MarketingError.PARTNER_DUPLICATE
    assert opd.name in refused.value.message and str(opd.pk) in refused.value.message
    # The same name acting in another region is another partner.
    other = f.partner(terong_tawah, acts_in=Region.objects.get(pk="52"))
    assert other.pk != opd.pk


def test_company_names_normalise_legal_forms():
    assert partner_services.normalise_name("PT. Bank NTB Syariah (Persero) Tbk") == (
        "bank ntb syariah"
    )


def test_partner_region_must_touch_the_city(bajur, far_village):
    with pytest.raises(DomainError) as refused:
        f.partner(bajur, name="Bank Jatim", kind=PartnerType.BANK, acts_in=far_village)
    assert refused.value.code == MarketingError.PARTNER_REGION


def test_partner_update_is_audited_and_dedups(bajur, opd):
    second = f.partner(bajur, name="PT Air Minum Giri Menang", kind=PartnerType.COMPANY)
    with pytest.raises(DomainError) as refused:
        partner_services.partner_update(
            actor=None,
            where=bajur,
            partner=second,
            name=opd.name,
            kind=PartnerType.OPD,
            acts_in=opd.acts_in,
        )
    assert refused.value.code == MarketingError.PARTNER_DUPLICATE
    partner_services.partner_update(
        actor=None,
        where=bajur,
        partner=second,
        name="PDAM Giri Menang",
        kind=PartnerType.COMPANY,
        acts_in=second.acts_in,
        sources=[f.source("non_pemerintah")],
    )
    event = AuditEvent.objects.filter(action="marketing.partner_updated").get()
    assert event.changes["name"] == ["PT Air Minum Giri Menang", "PDAM Giri Menang"]
    assert event.changes["sources"] == [["apbd_kab"], ["non_pemerintah"]]


def test_contact_is_not_copied_into_the_audit_trail(bajur, opd):
    partner_services.contact_add(
        actor=None, where=bajur, partner=opd, name="Baiq Rina", phone="081234567890"
    )
    event = AuditEvent.objects.get(action="marketing.contact_added")
    assert "081234567890" not in str(event.changes) and "Baiq" not in str(event.changes)


# --- Pledges: transitions both ways, refused wrong ones -------------------------------------


def test_pledge_commit_realise_forwards_and_back(bajur, plan, opd):
    _version, rows = plan
    pledge = f.pledge(bajur, rows[0], opd, amount=30_000)
    assert pledge.state == PledgeState.PLEDGED
    assert funding_gaps(bajur.code).row(f"row-{rows[0].pk}").funding.committed == 0
    f.commit(pledge)
    pledge.refresh_from_db()
    assert pledge.state == PledgeState.COMMITTED and pledge.agreement_file.name
    assert funding_gaps(bajur.code).row(f"row-{rows[0].pk}").funding.gap == 20_000
    f.realise(pledge, 25_000, in_kind=True, in_kind_description="Pipa PVC 4 inci, 200 batang")
    pledge.refresh_from_db()
    assert pledge.state == PledgeState.REALISED and pledge.counted_amount == 25_000
    assert funding_gaps(bajur.code).row(f"row-{rows[0].pk}").funding.gap == 25_000
    pledge_services.pledge_revert(actor=None, pledge=pledge, reason="Nilai realisasi salah ketik")
    pledge.refresh_from_db()
    assert pledge.state == PledgeState.COMMITTED and pledge.realised_amount is None
    pledge_services.pledge_revert(actor=None, pledge=pledge, reason="MoU belum ditandatangani")
    pledge.refresh_from_db()
    assert pledge.state == PledgeState.PLEDGED and not pledge.agreement_file
    actions = list(
        AuditEvent.objects.filter(object_id=str(pledge.pk)).values_list("action", flat=True)
    )
    assert actions.count("marketing.pledge_reverted") == 2
    assert "marketing.pledge_realised" in actions and "marketing.pledge_committed" in actions


def test_withdrawal_from_commitment_and_back(bajur, plan, opd):
    pledge = f.commit(f.pledge(bajur, plan[1][0], opd))
    pledge_services.pledge_withdraw(
        actor=None,
        pledge=pledge,
        reason="APBD perubahan tidak menganggarkan kegiatan ini",
        withdrawn_on=dt.date(2027, 3, 1),
    )
    pledge.refresh_from_db()
    assert pledge.state == PledgeState.WITHDRAWN and pledge.counted_amount == 0
    pledge_services.pledge_revert(actor=None, pledge=pledge, reason="Pembatalan dicatat keliru")
    pledge.refresh_from_db()
    assert pledge.state == PledgeState.COMMITTED


@pytest.mark.parametrize(
    "state_steps, move",
    [
        ([], "realise"),
        (["commit"], "commit"),
        (["commit", "realise"], "withdraw"),
        (["withdraw"], "commit"),
        (["withdraw"], "withdraw"),
        ([], "revert"),
    ],
)
def test_wrong_source_state_is_refused_with_a_code(bajur, plan, opd, state_steps, move):
    pledge = f.pledge(bajur, plan[1][0], opd)
    for step in state_steps:
        if step == "commit":
            pledge = f.commit(pledge)
        elif step == "realise":
            pledge = f.realise(pledge, 10_000)
        else:
            pledge = pledge_services.pledge_withdraw(
                actor=None,
                pledge=pledge,
                reason="Mitra mengalihkan dana ke desa lain",
                withdrawn_on=dt.date(2027, 1, 5),
            )
    moves = {
        "commit": lambda: f.commit(pledge),
        "realise": lambda: f.realise(pledge, 10_000),
        "withdraw": lambda: pledge_services.pledge_withdraw(
            actor=None,
            pledge=pledge,
            reason="Mitra mengalihkan dana ke desa lain",
            withdrawn_on=dt.date(2027, 1, 5),
        ),
        "revert": lambda: pledge_services.pledge_revert(
            actor=None, pledge=pledge, reason="Tidak ada yang perlu dikembalikan"
        ),
    }
    before = pledge.state
    with pytest.raises(DomainError) as refused:
        moves[move]()
    assert refused.value.code == MarketingError.WRONG_STATE
    pledge.refresh_from_db()
    assert pledge.state == before


def test_over_commitment_needs_a_reason(bajur, plan, opd):
    row = plan[1][0]  # cost 100.000: BLM 40.000 + swadaya 10.000
    first = f.commit(f.pledge(bajur, row, opd, amount=40_000))
    second = f.pledge(
        bajur, row, f.partner(bajur, name="Bank NTB Syariah", kind="bank"), amount=20_000
    )
    with pytest.raises(DomainError) as refused:
        f.commit(second)
    assert refused.value.code == MarketingError.OVER_COMMITTED
    assert "Rp 10.000" in refused.value.message  # over by 10.000
    with pytest.raises(DomainError) as short:
        f.commit(second, reason="lebih")
    assert short.value.code == MarketingError.REASON_TOO_SHORT
    f.commit(second, reason="Bank menambah lampu jalan di luar RAB, disepakati di forum")
    gap = funding_gaps(bajur.code).row(f"row-{row.pk}").funding
    assert (gap.gap, gap.over, gap.funded) == (0, 10_000, 100_000)
    assert first.state == PledgeState.COMMITTED


def test_commitment_file_is_checked_by_content(bajur, plan, opd):
    pledge = f.pledge(bajur, plan[1][0], opd)
    fake = SimpleUploadedFile("mou.pdf", b"MZ\x90\x00 this is an executable")
    with pytest.raises(DomainError) as refused:
        pledge_services.pledge_commit(
            actor=None,
            pledge=pledge,
            agreement_kind="mou",
            agreement_file=fake,
            committed_on=dt.date(2026, 12, 10),
        )
    assert refused.value.code == MarketingError.FILE_TYPE and "mou.pdf" in refused.value.message
    pledge_services.pledge_commit(
        actor=None,
        pledge=pledge,
        agreement_kind="kesepakatan",
        agreement_file=f.docx_file(),
        committed_on=dt.date(2026, 12, 10),
    )


def test_pledge_needs_a_legalised_plan_of_the_village_and_a_partner_source(
    bajur, terong_tawah, plan, opd
):
    row = plan[1][0]
    with pytest.raises(DomainError) as elsewhere:
        f.pledge(terong_tawah, row, opd)
    assert elsewhere.value.code == MarketingError.TARGET_ELSEWHERE
    with pytest.raises(DomainError) as blm:
        f.pledge(bajur, row, opd, code="bdi_plpbk")
    assert blm.value.code == MarketingError.SOURCE_NOT_PARTNER
    with pytest.raises(DomainError) as year:
        f.pledge(bajur, row, opd, year=2040)
    assert year.value.code == MarketingError.YEAR_OUTSIDE_PLAN
    draft = f.plan_factories.first_version(f.plan_factories.rtplp(bajur))
    activity = f.plan_factories.activity(draft)
    with pytest.raises(DomainError) as not_legal:
        f.pledge(bajur, activity, opd)
    assert not_legal.value.code == MarketingError.PLAN_NOT_LEGALISED


def test_money_through_the_bkm_is_refused_when_no_ledger_takes_it(bajur, plan, opd, monkeypatch):
    from tridaya.marketing import registry

    monkeypatch.setattr(registry, "_receipts", [])
    _version, rows = plan
    pledge = f.commit(f.pledge(bajur, rows[0], opd, amount=30_000))
    with pytest.raises(DomainError) as refused:
        f.realise(pledge, 25_000, through_bkm=True)
    assert refused.value.code == MarketingError.NO_LEDGER
    pledge.refresh_from_db()
    assert pledge.state == PledgeState.COMMITTED


# --- Pledges carried over from a superseded plan version ------------------------------------


def _amend(version):
    from tridaya.planning.services import versions as version_services
    from tridaya.planning.tests import factories as plan_factories

    amended = version_services.version_amend(
        actor=None, version=version, reason="Perubahan rencana setelah musyawarah warga"
    )
    plan_factories.legalise(amended)
    amended.refresh_from_db()
    return amended


def test_carried_pledges_count_against_the_amended_rows_cost(bajur, opd):
    """Row cost 100,000: BLM 40,000 and swadaya 10,000 leave 50,000. 30,000 committed on the
    old version is carried over, so only 20,000 more may be committed on the new copy."""
    version, (old_row,) = f.legalised_rplp(bajur, rows=1)
    f.commit(f.pledge(bajur, old_row, opd, amount=30_000))
    waiting = f.pledge(bajur, old_row, opd, amount=25_000)
    amended = _amend(version)
    new_row = amended.investment_rows.get()
    with pytest.raises(DomainError) as caught:
        f.commit(f.pledge(bajur, new_row, opd, amount=30_000))
    assert caught.value.code == MarketingError.OVER_COMMITTED
    assert "Rp 110.000" in caught.value.messages[0] and "Rp 100.000" in caught.value.messages[0]
    exactly = f.commit(f.pledge(bajur, new_row, opd, amount=20_000))
    assert exactly.state == PledgeState.COMMITTED
    # The pledge still waiting on the old version is checked against the new copy too.
    with pytest.raises(DomainError) as again:
        f.commit(waiting)
    assert again.value.code == MarketingError.OVER_COMMITTED
    waiting.refresh_from_db()
    assert waiting.state == PledgeState.PLEDGED
    f.commit(waiting, reason="Kelebihan disepakati di forum kolaborasi kecamatan")
    gap = funding_gaps(bajur.code).row(f"row-{new_row.pk}")
    assert (gap.funding.committed, gap.funding.over) == (75_000, 25_000)


def test_carried_pledges_count_on_an_amended_rtplp_activity(bajur, opd):
    from decimal import Decimal

    from tridaya.planning.services import plans as plan_services
    from tridaya.planning.tests import factories as plan_factories

    version = plan_factories.first_version(plan_factories.rtplp(bajur))
    activity = plan_factories.activity(version, name="Sumur resapan RT 03", main_source="apbd_city")
    plan_factories.rab_line(activity, volume=Decimal("10"), unit_price=10_000)
    version = plan_services.version_set_safeguards(
        actor=None, version=version, answers=plan_factories.safe_answers()
    )
    plan_factories.legalise(version)
    activity.refresh_from_db()
    assert (activity.rab_total, activity.fund_blm, activity.fund_swadaya) == (100_000, 0, 0)
    f.commit(f.pledge(bajur, activity, opd, amount=100_000))
    amended = _amend(version)
    twin = amended.activities.get(name="Sumur resapan RT 03")
    with pytest.raises(DomainError) as caught:
        f.commit(f.pledge(bajur, twin, opd, amount=1))
    assert caught.value.code == MarketingError.OVER_COMMITTED
    assert funding_gaps(bajur.code).row(f"activity-{twin.pk}").funding.gap == 0
