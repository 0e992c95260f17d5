"""The works demo of Bajur: six packages in different states, one returned entry, two handed
over with a first functionality check; a second run changes nothing."""

import pytest

from tridaya.core import demo as core_demo
from tridaya.regions import demo as regions_demo
from tridaya.regions.tests.factories import region
from tridaya.works.models import (
    Asset,
    Beneficiary,
    EntryStatus,
    FunctionalityCheck,
    PackageStatus,
    Photo,
    ProgressEntry,
    WorkPackage,
)

pytestmark = pytest.mark.django_db
SKIPPED = {"mapping_households", "training", "cycle_history"}  # not needed by the works


def seed_until(last: str):
    for step in core_demo.steps():
        if step.name not in SKIPPED:
            step.run(lambda _m: None)
        if step.name == last:
            return


def test_demo_seeds_six_packages_once(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for code in regions_demo.DEMO_VILLAGES:
        region(code)
    seed_until("finance_proposal")  # the KSM proposals come after the works step
    packages = WorkPackage.objects.filter(village_id=regions_demo.BAJUR)
    assert packages.count() == 6
    statuses = sorted(packages.values_list("status", flat=True))
    assert statuses.count(PackageStatus.DONE) == 2
    assert statuses.count(PackageStatus.RUNNING) == 2
    assert statuses.count(PackageStatus.PLANNED) == 2
    assert ProgressEntry.objects.filter(status=EntryStatus.RETURNED).count() == 1
    assert ProgressEntry.objects.filter(status=EntryStatus.SUBMITTED).count() == 1
    assert Asset.objects.count() == 2 and FunctionalityCheck.objects.count() == 2
    assert Photo.objects.exclude(latitude=None).count() >= 9
    kpp_asset = Asset.objects.get(handover__recipient="kpp")
    assert kpp_asset.maintenance.get().cost == 250_000
    assert kpp_asset.iuran.get().amount == 150_000 and kpp_asset.om_plans.count() == 1
    assert Beneficiary.objects.count() == 4
    # Each package is built by the KSM whose verified proposal holds its RTPLP activity.
    from tridaya.finance.models import ProposalActivity

    proposed = dict(ProposalActivity.objects.values_list("plan_activity_id", "proposal__ksm_id"))
    assert {p.plan_activity_id: p.ksm_id for p in packages} == proposed
    counts = (WorkPackage.objects.count(), Photo.objects.count(), ProgressEntry.objects.count())
    core_demo.steps()  # the registry knows the step
    from tridaya.works import demo

    demo.seed(lambda _m: None)
    assert counts == (
        WorkPackage.objects.count(),
        Photo.objects.count(),
        ProgressEntry.objects.count(),
    )
