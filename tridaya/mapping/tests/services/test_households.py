"""Recording, changing and removing one household: the head's details are stored with it and
a registered person with the same NIK is linked, the poverty status is derived from the answers
(and a linked person's follows), the policy is checked and the audit trail names no one."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tridaya.accounts.tests.factories import user_with_role
from tridaya.core.models import AuditEvent
from tridaya.institutions.models import Person
from tridaya.institutions.tests.factories import person
from tridaya.mapping.models import Household
from tridaya.mapping.services import households as services
from tridaya.mapping.tests.factories import criteria, first_rt, household, with_survey_units

NIK = "5201081204780003"


@pytest.fixture
def village(bajur):
    return with_survey_units(bajur)


@pytest.mark.django_db
def test_create_records_the_head_and_derives_the_status(village, users):
    saved = household(
        village, poor_criteria=9, head_name=" Baiq Maesarah ", head_sex="P", head_nik=NIK
    )
    assert saved.is_poor and saved.criteria_met == 9
    saved.refresh_from_db()
    assert (saved.head_name, saved.head_sex, saved.head_nik, saved.head_id) == (
        "Baiq Maesarah", "P", NIK, None,
    )  # fmt: skip
    assert not Person.objects.exists()  # no one is added to the register of people
    event = AuditEvent.objects.get(action="mapping.household_created", object_id=str(saved.pk))
    assert "Baiq Maesarah" not in str(event.changes) and NIK not in str(event.changes)
    assert event.changes["is_poor"] == [None, True]


@pytest.mark.django_db
def test_a_person_of_the_village_with_the_nik_becomes_the_head(village):
    known = person(village, name="Lalu Ahmad", nik=NIK, is_poor=False)
    saved = household(village, head_name="Lalu Ahmad", head_nik=NIK, poor_criteria=10)
    assert saved.head_id == known.pk
    known.refresh_from_db()
    assert known.is_poor is True
    with pytest.raises(ValidationError) as caught:
        household(village, head_name="Orang Lain", head_nik=NIK)
    assert "head_nik" in caught.value.message_dict


@pytest.mark.django_db
def test_a_nik_heads_one_household_without_a_registered_person(village):
    household(village, head_nik=NIK)
    with pytest.raises(ValidationError) as caught:
        household(village, head_name="Orang Lain", head_nik=NIK)
    assert caught.value.message_dict["head_nik"] == ["NIK ini sudah menjadi kepala KK lain."]
    assert Household.objects.count() == 1


@pytest.mark.django_db
def test_update_keeps_status_and_head_in_step(village, users):
    known = person(village, name="Nama Baru", nik=NIK, is_poor=False)
    saved = household(village, poor_criteria=3)
    assert saved.head_id is None
    updated = services.household_update(
        actor=users["village_bkm"],
        household=saved,
        rt=first_rt(village, 2, 3),
        head_name="Nama Baru",
        head_sex="L",
        head_nik=NIK,
        members=6,
        women=3,
        criteria=criteria(12),
    )
    updated.refresh_from_db()
    assert (updated.is_poor, updated.criteria_met, updated.rt.number) == (True, 12, 3)
    assert (updated.head_name, updated.head_id) == ("Nama Baru", known.pk)
    known.refresh_from_db()
    assert known.is_poor is True
    event = AuditEvent.objects.get(action="mapping.household_updated")
    assert event.changes["is_poor"] == [False, True]
    assert "Nama Baru" not in str(event.changes)
    assert event.actor == users["village_bkm"]


@pytest.mark.django_db
def test_counts_beyond_the_members_and_future_dates_are_refused(village):
    import datetime as dt

    with pytest.raises(ValidationError) as caught:
        household(village, members=3, women=4)
    assert "women" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        household(village, surveyed_on=dt.date.today() + dt.timedelta(days=2))
    assert "surveyed_on" in caught.value.message_dict
    assert not Household.objects.exists()


@pytest.mark.django_db
def test_a_criterion_that_contradicts_a_housing_answer_is_refused(village):
    """'Own toilet with septic tank' with criterion 4 'no own toilet' ticked, and the other way
    round, are refused naming the criterion and both answers (issue 11, item 4)."""
    with pytest.raises(ValidationError) as caught:
        household(village, poor_criteria=4, sanitation="private_septic")  # 4 = crit_toilet
    [reason] = caught.value.message_dict["crit_toilet"]
    assert reason.startswith("Kriteria 4 (Tidak punya jamban sendiri")
    assert "'Jamban sendiri dengan tangki septik'" in reason
    with pytest.raises(ValidationError) as caught:
        household(village, poor_criteria=3, sanitation="public", electricity="none")
    assert set(caught.value.message_dict) == {"crit_toilet", "crit_electricity"}
    assert "'MCK umum', jadi kriteria 4" in caught.value.message_dict["crit_toilet"][0]
    assert not Household.objects.exists()
    fine = household(village, poor_criteria=4, sanitation="shared", cooking_fuel="other")
    assert fine.crit_toilet and fine.criteria_met == 4


@pytest.mark.django_db
def test_unknown_criterion_is_refused(village):
    with pytest.raises(ValidationError) as caught:
        services.household_create(
            actor=None, village=village, rt=first_rt(village), head_name="X", head_sex="L",
            members=2, criteria={"crit_floor_area": True, "crit_unknown": True},
        )  # fmt: skip
    assert caught.value.code == "household_unknown_criterion"


@pytest.mark.django_db
def test_rt_of_another_village_is_refused(village, terong_tawah):
    with_survey_units(terong_tawah)
    with pytest.raises(ValidationError) as caught:
        household(village, rt=first_rt(terong_tawah))
    assert "rt" in caught.value.message_dict


@pytest.mark.django_db
def test_policy_is_checked(village, users, terong_tawah):
    resident = users["village_resident"]
    with pytest.raises(PermissionDenied):
        services.household_create(
            actor=resident, village=village, rt=first_rt(village), head_name="X",
            head_sex="L", members=2,
        )  # fmt: skip
    with pytest.raises(Http404):
        services.household_create(
            actor=user_with_role("bkm", terong_tawah.code), village=village,
            rt=first_rt(village), head_name="X", head_sex="L", members=2,
        )  # fmt: skip
    tipp = user_with_role("tipp", village.code)
    saved = services.household_create(
        actor=tipp, village=village, rt=first_rt(village), head_name="X", head_sex="L", members=2
    )
    assert saved.pk


@pytest.mark.django_db
def test_delete_keeps_the_person(village, users):
    known = person(village, nik=NIK)
    saved = household(village, head_nik=NIK)
    services.household_delete(actor=users["village_bkm"], household=saved)
    assert not Household.objects.filter(pk=saved.pk).exists()
    assert Person.objects.filter(pk=known.pk).exists()
    assert AuditEvent.objects.filter(action="mapping.household_deleted").exists()
