"""The figures of finance, works, marketing and oversight on the dashboards: each village's value
is what the owning app's page shows, and the nation adds its villages up."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from tridaya.dashboards import services
from tridaya.dashboards.models import NATION, FigureValue
from tridaya.finance.selectors.books import village_totals
from tridaya.marketing.selectors import rollup
from tridaya.oversight.selectors import complaint_stats
from tridaya.regions import demo as regions_demo
from tridaya.regions.models import Level
from tridaya.regions.tests.factories import BAJUR, region
from tridaya.works.selectors import village_works

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    for code in regions_demo.DEMO_VILLAGES:
        region(code)
    call_command("seed_demo", stdout=io.StringIO())
    services.rebuild_all()


def stored(code: str, key: str) -> Decimal | None:
    level = Level.VILLAGE if code.count(".") == 3 else None
    rows = FigureValue.objects.filter(region_code=code, figure=key, state="")
    if level:
        rows = rows.filter(level=level)
    row = rows.first()
    return row.value if row else None


def test_each_village_value_is_what_the_owning_app_shows(demo):
    village = region(BAJUR)
    totals = village_totals(village, timezone.localdate())
    assert totals.received > 0 and totals.spent > 0
    assert stored(BAJUR, "finance_received") == totals.received
    assert stored(BAJUR, "finance_spent") == totals.spent
    assert stored(BAJUR, "finance_swadaya") == totals.swadaya
    works = village_works(village)
    assert works.rows
    assert stored(BAJUR, "works_packages") == len(works.rows)
    assert stored(BAJUR, "works_value") == sum(r.package.value for r in works.rows)
    assert stored(BAJUR, "works_progress").quantize(Decimal("0.01")) == works.physical.quantize(
        Decimal("0.01")
    )
    stats = complaint_stats(BAJUR)
    assert stats.received > 0
    assert stored(BAJUR, "oversight_received") == stats.received
    assert stored(BAJUR, "oversight_open") == stats.open
    assert stored(BAJUR, "oversight_overdue") == stats.overdue
    sources = rollup(BAJUR).sources
    assert stored(BAJUR, "marketing_committed") == sum(s.committed for s in sources)
    assert stored(BAJUR, "marketing_realised") == sum(s.realised for s in sources)


def test_the_nation_adds_up_its_villages(demo):
    keys = ["finance_received", "finance_spent", "works_value", "oversight_received"]
    villages = FigureValue.objects.filter(level=Level.VILLAGE, state="")
    for key in keys:
        total = sum(v.value for v in villages.filter(figure=key))
        assert total > 0, key
        assert stored(NATION, key) == total, key
    # Progress rolls up weighted by RAB value, not as a plain mean of villages.
    weighted = sum(
        v.value * stored(v.region_code, "works_value")
        for v in villages.filter(figure="works_progress")
    ) / sum(v.value for v in villages.filter(figure="works_value"))
    assert stored(NATION, "works_progress").quantize(Decimal("0.01")) == weighted.quantize(
        Decimal("0.01")
    )
