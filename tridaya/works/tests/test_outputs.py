"""The cycle's works steps read three gate outputs from here: every package built, every
completed package handed over, every asset with an O&M plan and a functionality check."""

import datetime as dt
from types import SimpleNamespace

import pytest

from tridaya.cycle.gates import known_rule, output
from tridaya.institutions.tests.factories import ksm_with
from tridaya.works.outputs import HANDED_OVER, OM_CHECKED, PACKAGES_BUILT
from tridaya.works.services import assets
from tridaya.works.tests.factories import (
    complete,
    handed_over,
    kpp_of,
    legalised_activities,
    package,
)

pytestmark = pytest.mark.django_db


class Step:
    def __init__(self, village):
        self.cycle = type("Cycle", (), {"village_id": village.code})()


def check(name, village):
    """The cycle's `output` gate rule on a step of the village's cycle."""
    gate = {"rule": "output", "name": name}
    assert known_rule(gate) is None  # a template may name it
    result = output(gate, SimpleNamespace(step=Step(village)))
    return result.ok, result.message


FLAGS = dict.fromkeys(("exists", "good_condition", "functioning", "used", "upgraded"), True)


def test_the_three_outputs_follow_the_works_from_build_to_om(bajur):
    assert check(PACKAGES_BUILT, bajur) == (False, "Belum ada paket pekerjaan.")
    first, second = legalised_activities(bajur, names=("Saluran", "Jalan"))
    one = package(bajur, ksm=ksm_with(bajur), activity=first)
    two = package(bajur, ksm=ksm_with(bajur), activity=second)
    complete(one)
    assert check(PACKAGES_BUILT, bajur) == (
        False,
        "1 dari 2 paket selesai (progres fisik disetujui 100%).",
    )
    assert check(HANDED_OVER, bajur)[0] is False
    complete(two)
    assert check(PACKAGES_BUILT, bajur)[0] is True
    kpp = kpp_of(bajur)
    handed_over(one, kpp)
    assert check(HANDED_OVER, bajur) == (
        False,
        "1 dari 2 paket selesai sudah diserahterimakan (BAST).",
    )
    handed_over(two, kpp, number="02/BAST/2026")
    assert check(HANDED_OVER, bajur)[0] is True
    asset_one, asset_two = (p.asset for p in (one, two))
    for asset in (asset_one, asset_two):
        assets.om_plan_save(
            actor=None,
            asset=asset,
            year=2026,
            use_plan="dipakai warga",
            revenue_plan=0,
            spending_plan=100_000,
            maintenance_schedule="bulanan",
        )
    assets.check_record(
        actor=None, asset=asset_one, year=2027, checked_on=dt.date(2027, 4, 1), flags=FLAGS
    )
    done, text = check(OM_CHECKED, bajur)
    assert not done and text.startswith("2 dari 2 aset punya rencana O&P; 1 sudah diperiksa")
    assets.check_record(
        actor=None, asset=asset_two, year=2027, checked_on=dt.date(2027, 4, 1), flags=FLAGS
    )
    assert check(OM_CHECKED, bajur)[0] is True
