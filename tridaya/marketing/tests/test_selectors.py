"""The gap of every activity, plan and region from one selector, over random plans and pledges."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tridaya.core.errors import DomainError
from tridaya.core.tests.durable import rolled_back
from tridaya.marketing.errors import MarketingError
from tridaya.marketing.selectors import funding_gaps
from tridaya.marketing.services import pledges as pledge_services
from tridaya.marketing.tests import factories as f

rows_strategy = st.lists(
    st.tuples(
        st.integers(min_value=1, max_value=5_000),  # cost in thousands
        st.integers(min_value=0, max_value=100),  # BLM share %
        st.integers(min_value=0, max_value=100),  # swadaya share % of what is left
    ),
    min_size=1,
    max_size=4,
)
pledges_strategy = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=3),  # which row
        st.integers(min_value=1, max_value=6_000),  # amount in thousands
        st.sampled_from(["janji", "komitmen", "realisasi", "batal"]),
        st.booleans(),  # give a reason when over the cost
    ),
    max_size=8,
)


def _advance(pledge, state: str, give_reason: bool) -> None:
    reason = "Kelebihan disepakati di forum kolaborasi kecamatan" if give_reason else ""
    try:
        if state in ("komitmen", "realisasi"):
            pledge = f.commit(pledge, reason=reason)
        if state == "realisasi":
            f.realise(pledge, pledge.amount)
    except DomainError as refused:
        assert refused.code == MarketingError.OVER_COMMITTED
        assert not give_reason
    if state == "batal":
        pledge_services.pledge_withdraw(
            actor=None,
            pledge=pledge,
            reason="Mitra mengalihkan anggarannya",
            withdrawn_on=dt.date(2027, 1, 2),
        )


@pytest.mark.django_db(transaction=False)
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(rows=rows_strategy, pledges=pledges_strategy)
def test_funded_plus_gap_is_cost_never_negative(bajur, rows, pledges):
    with rolled_back():
        spec = []
        for thousands, blm_pct, swa_pct in rows:
            cost = thousands * 1000
            blm = cost * blm_pct // 100
            spec.append((cost, blm, (cost - blm) * swa_pct // 100))
        _version, made = f.legalised_rplp(bajur, spec=spec)
        opd = f.partner(bajur)
        for which, thousands, state, give_reason in pledges:
            row = made[which % len(made)]
            _advance(f.pledge(bajur, row, opd, amount=thousands * 1000), state, give_reason)
        report = funding_gaps(bajur.code)
        assert len(report.rows) == len(made)
        for row in report.rows:
            money = row.funding
            assert money.funded + money.gap == money.cost
            assert money.gap >= 0 and money.over >= 0
            assert money.funded <= money.cost
        total = report.totals
        assert (
            total["funded"] + total["gap"]
            == total["cost"]
            == sum(r.funding.cost for r in report.rows)
        )
        assert report.plans[0].totals["gap"] == total["gap"]


@pytest.mark.django_db
def test_gap_per_plan_kawasan_and_region(bajur, terong_tawah):
    version, rows = f.legalised_rplp(bajur, rows=2)
    opd = f.partner(bajur)
    f.commit(f.pledge(bajur, rows[0], opd, amount=50_000))
    f.pledge(bajur, rows[1], opd, amount=20_000)  # pledged only: shown, not counted
    report = funding_gaps("52.01")
    assert report.totals["cost"] == 200_000
    assert report.totals["gap"] == 50_000
    assert report.totals["pledged"] == 20_000
    assert report.counts == {"terdanai": 1, "sebagian": 1, "belum": 0}
    assert [g.village_id for g in report.villages] == [bajur.code]
    assert funding_gaps(terong_tawah.code).rows == []


@pytest.mark.django_db
def test_gap_selector_queries_do_not_grow(bajur, terong_tawah, django_assert_num_queries):
    _version, rows = f.legalised_rplp(bajur, rows=1)
    opd = f.partner(bajur)
    f.commit(f.pledge(bajur, rows[0], opd, amount=10_000))
    with django_assert_num_queries(4):
        funding_gaps("52.01")
    _version, more = f.legalised_rplp(terong_tawah, rows=3)
    for row in more:
        f.commit(f.pledge(terong_tawah, row, opd, amount=5_000))
        f.pledge(terong_tawah, row, opd, amount=1_000)
    with django_assert_num_queries(4):
        report = funding_gaps("52.01")
    assert len(report.rows) == 4 and len(report.villages) == 2


def test_pledges_follow_an_amended_plan_to_the_same_activity(bajur):
    """An amendment copies the plan's rows; once it is legalised, pledges made on the old
    version count on the new version's row of the same name; one on a removed row is orphaned."""
    from tridaya.planning.services import plans as plan_services
    from tridaya.planning.services import versions as version_services
    from tridaya.planning.tests import factories as plan_factories

    version, rows = f.legalised_rplp(bajur, rows=2)
    opd = f.partner(bajur)
    f.commit(f.pledge(bajur, rows[0], opd, amount=20_000))
    f.pledge(bajur, rows[0], opd, amount=5_000)
    f.commit(f.pledge(bajur, rows[1], opd, amount=7_000))
    amended = version_services.version_amend(
        actor=None, version=version, reason="Saluran kedua dibiayai desa sendiri"
    )
    removed = amended.investment_rows.get(component="Saluran drainase 2")
    plan_services.investment_row_delete(actor=None, row=removed)
    plan_factories.legalise(amended)

    report = funding_gaps(bajur.code)
    new_row = amended.investment_rows.get(component="Saluran drainase 1")
    gap = report.row(f"row-{new_row.pk}")
    assert gap is not None
    assert (gap.funding.committed, gap.funding.pledged) == (20_000, 5_000)
    assert report.row(f"row-{rows[0].pk}") is None  # the superseded version is not listed
    assert report.orphaned == 7_000
    assert report.totals["committed"] == 20_000
