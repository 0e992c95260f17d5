"""The gap arithmetic: funded + gap = cost, the gap never negative, over-commitment apart."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tridaya.marketing.funding import Funding, FundingStatus, would_over_commit

money = st.integers(min_value=0, max_value=10**13)


@given(cost=money, blm=money, swadaya=money, committed=money)
def test_funded_plus_gap_is_cost_and_gap_never_negative(cost, blm, swadaya, committed):
    f = Funding(cost, blm, swadaya, committed)
    assert f.funded + f.gap == cost
    assert f.gap >= 0
    assert f.over >= 0
    assert f.funded + f.over == blm + swadaya + committed or f.over == 0
    assert f.over == max(0, blm + swadaya + committed - cost)


def test_status_and_over_commitment():
    assert Funding(100, 40, 10).status == FundingStatus.PARTLY
    assert Funding(100).status == FundingStatus.UNFUNDED
    assert Funding(100, 40, 10, 50).status == FundingStatus.FUNDED
    assert Funding(100, 40, 10, 70).over == 20
    assert would_over_commit(Funding(100, 40, 10, 30), 21)
    assert not would_over_commit(Funding(100, 40, 10, 30), 20)


def test_amounts_are_whole_rupiah():
    with pytest.raises(ValueError):
        Funding(100, 1.5)
    with pytest.raises(ValueError):
        Funding(-1)
