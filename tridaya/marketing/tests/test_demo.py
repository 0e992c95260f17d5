"""The demo: Bajur marketed (8 partners, 12 pledges in every state, two MoU files, one
withdrawal, a published prospectus), Terong Tawah with a legalised plan and no partner; a second
run changes nothing."""

import io

import pytest
from django.core.management import call_command

from tridaya.core.models import AuditEvent
from tridaya.marketing import demo
from tridaya.marketing.models import Partner, Pledge, PledgeState, Prospectus, ProspectusState
from tridaya.marketing.selectors import funding_gaps
from tridaya.regions import demo as regions_demo
from tridaya.regions.tests.factories import region


def test_demo_seed(transactional_db):
    for code in regions_demo.DEMO_VILLAGES:
        region(code)
    call_command("seed_demo", stdout=io.StringIO())
    bajur, terong = regions_demo.BAJUR, regions_demo.TERONG_TAWAH
    assert Partner.objects.filter(city_id="52.01").count() == 8
    pledges = Pledge.objects.filter(village_id=bajur)
    assert pledges.count() == 12
    assert set(pledges.values_list("state", flat=True)) == set(PledgeState.values)
    assert pledges.exclude(agreement_file="").count() == 2
    assert pledges.filter(state=PledgeState.WITHDRAWN).count() == 1
    assert pledges.filter(state=PledgeState.REALISED, through_bkm=True).count() == 1
    assert Prospectus.objects.get(village_id=bajur).state == ProspectusState.PUBLISHED
    report = funding_gaps("52.01")
    assert {g.village_id for g in report.villages} == {bajur, terong}
    assert not Pledge.objects.filter(village_id=terong).exists()
    terong_gap = next(g for g in report.villages if g.village_id == terong).totals["gap"]
    assert terong_gap > 0
    before = (Pledge.objects.count(), Partner.objects.count(), AuditEvent.objects.count())
    demo.seed(lambda _message: None)
    assert (Pledge.objects.count(), Partner.objects.count(), AuditEvent.objects.count()) == before


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
