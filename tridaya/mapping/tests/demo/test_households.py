"""The demo seed: about 1,200 households over Bajur's 16 RTs, the same every time, imported
through the survey service; a second run changes nothing."""

import pytest
from django.db.models import Count

from tridaya.institutions.tests.factories import next_nik, person
from tridaya.mapping.demo import households as demo_households
from tridaya.mapping.models import Household, ImportBatch
from tridaya.mapping.tests.factories import with_survey_units


@pytest.mark.django_db
def test_demo_households(bajur):
    with_survey_units(bajur)
    # As the institutions demo registers BKM and KSM members, with their NIKs.
    registered = [person(bajur, nik=next_nik()) for _ in range(3)]
    first, _rts = demo_households.demo_export()
    assert demo_households.demo_export()[0] == first  # deterministic
    demo_households.seed(lambda message: None)
    households = Household.objects.filter(village=bajur)
    assert households.count() == demo_households.DEMO_HOUSEHOLDS
    per_rt = list(households.values("rt").annotate(n=Count("id")).values_list("n", flat=True))
    assert len(per_rt) == 16 and min(per_rt) >= 70
    poor = households.filter(is_poor=True).count()
    assert 0.15 < poor / households.count() < 0.35
    # The profile declares the survey's figures: one count of poor households (issue 11, 3).
    bajur.profile.refresh_from_db()
    people = sum(households.values_list("members", flat=True))
    assert (bajur.profile.households, bajur.profile.poor_households) == (1200, poor)
    assert bajur.profile.population == people
    assert households.exclude(location=None).count() > 1000
    linked = households.filter(head__isnull=False)
    assert sorted(h.head_id for h in linked) == sorted(p.pk for p in registered)
    assert all(h.head_nik == h.head.nik and h.head.is_poor == h.is_poor for h in linked)
    demo_households.seed(lambda message: None)
    assert ImportBatch.objects.count() == 1 and households.count() == 1200
