"""The demo seed: Bajur's April 2026 training as the program recorded it, closed with
certificates and a follow-up plan, leaving the gap the capacity pages show; a second run
changes nothing."""

import pytest

from tridaya.accounts import demo as accounts_demo
from tridaya.institutions import demo as institutions_demo
from tridaya.regions import demo as regions_demo
from tridaya.regions.models import Region
from tridaya.regions.tests.factories import region
from tridaya.training import demo
from tridaya.training.models import Certificate, Training, TrainingStatus
from tridaya.training.selectors.participants import village_capacity
from tridaya.training.selectors.results import training_outcomes


@pytest.mark.django_db
def test_demo_training_of_bajur_and_its_gap():
    for code in regions_demo.DEMO_VILLAGES:
        region(code)
    regions_demo.seed(lambda _m: None)
    accounts_demo.seed(lambda _m: None)
    institutions_demo.seed(lambda _m: None)
    lines = []
    demo.seed(lines.append)
    demo.seed(lines.append)
    assert Training.objects.count() == 2
    bajur = Training.objects.get(region_id=regions_demo.BAJUR)
    assert bajur.status == TrainingStatus.DONE
    assert bajur.modules.filter(is_core=True).count() == 6
    participants = bajur.participants.count()
    assert participants >= 10
    certificates = Certificate.objects.filter(participant__training=bajur).count()
    assert certificates == participants - 1  # one BKM member missed two sessions
    outcomes = training_outcomes(bajur)
    assert 15 <= outcomes.overall.avg_gain <= 30
    assert {g for g, _s in outcomes.group_summaries} >= {"bkm", "upk", "upl", "ups", "aparat"}
    village = Region.objects.get(code=regions_demo.BAJUR)
    messages = [g.message for g in village_capacity(village).gaps(core_only=True)]
    assert (
        "Belum ada anggota UPL yang menyelesaikan modul Pendanaan BLM: pencairan, penggunaan "
        "dan LPJ." in messages
    )
    assert bajur.follow_ups.count() == 5
    assert "sudah ada" in lines[-2] and "sudah ada" in lines[-1]
    neighbour = Training.objects.get(region_id=regions_demo.TERONG_TAWAH)
    assert neighbour.status == TrainingStatus.PLANNED and neighbour.participants.exists()
