import pytest

from tridaya.core.choices import Sex
from tridaya.core.models import AuditEvent
from tridaya.institutions import demo, selectors
from tridaya.institutions.models import KPP, KSM, Person, Pokja
from tridaya.regions.tests.factories import BAJUR


@pytest.mark.django_db
def test_demo_seed_builds_bajur_and_changes_nothing_the_second_time(bajur, terong_tawah):
    demo.seed(lambda message: None)
    chart = selectors.org_chart(BAJUR)
    assert Person.objects.filter(village=bajur).count() == 150
    assert len(chart.bkm_members) == 9
    assert {m.person.sex for m in chart.bkm_members} == {Sex.MALE, Sex.FEMALE}
    assert chart.latest_election.candidates.count() > 9
    assert [u.kind for u in chart.up_units] == ["UPK", "UPL", "UPS"]
    assert chart.tipp.tipp.is_confirmed and chart.tipp.meets_women_target
    assert len(chart.pokjas) == 7 and len(chart.ksms) == 3 and len(chart.kpps) == 1
    assert all(ksm.members.count() >= 3 for ksm in chart.ksms)
    assert Person.objects.filter(village=terong_tawah).exists()

    counts = [model.objects.count() for model in (Person, Pokja, KSM, KPP, AuditEvent)] + [
        list(Person.objects.order_by("id").values_list("name", "nik"))
    ]
    demo.seed(lambda message: None)
    again = [model.objects.count() for model in (Person, Pokja, KSM, KPP, AuditEvent)] + [
        list(Person.objects.order_by("id").values_list("name", "nik"))
    ]
    assert again == counts
