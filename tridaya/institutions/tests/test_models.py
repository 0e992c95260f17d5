import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tridaya.institutions.models import (
    GenderBalance,
    Person,
    Sex,
    default_term_end,
    mask_nik,
)


def test_masked_nik_shows_only_the_first_four_and_last_two_digits():
    assert mask_nik("5201081204780003") == "5201**********03"
    assert Person(nik="5201081204780003").masked_nik == "5201**********03"
    assert Person(nik="").masked_nik == ""


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (dt.date(2025, 9, 1), dt.date(2028, 8, 31)),
        (dt.date(2025, 1, 1), dt.date(2027, 12, 31)),
        (dt.date(2024, 2, 29), dt.date(2027, 2, 28)),
    ],
)
def test_a_bkm_term_lasts_three_years(start, end):
    assert default_term_end(start) == end


@pytest.mark.parametrize(
    ("men", "women", "share", "reaches_30"),
    [
        (7, 3, Decimal("30.0"), True),  # exactly the target
        (5, 2, Decimal("28.6"), False),
        (1, 2, Decimal("66.7"), True),
        (4, 0, Decimal("0.0"), False),
        (0, 0, None, False),
    ],
)
def test_gender_balance(men, women, share, reaches_30):
    balance = GenderBalance(men=men, women=women)
    assert balance.total == men + women
    assert balance.women_share == share
    assert balance.reaches(30) is reaches_30


@pytest.mark.django_db
@pytest.mark.parametrize("nik", ["520108120478000", "52010812047800031", "5201O81204780003"])
def test_a_nik_is_exactly_sixteen_digits(bajur, nik):
    person = Person(village=bajur, name="Sahnan", sex=Sex.MALE, nik=nik)
    with pytest.raises(ValidationError) as refused:
        person.full_clean()
    assert "NIK harus 16 angka." in refused.value.message_dict["nik"]


@pytest.mark.django_db
def test_birth_year_cannot_be_in_the_future(bajur):
    person = Person(village=bajur, name="Sahnan", sex=Sex.MALE, birth_year=dt.date.today().year + 1)
    with pytest.raises(ValidationError) as refused:
        person.full_clean()
    assert "birth_year" in refused.value.message_dict


@pytest.mark.django_db
def test_people_belong_to_a_village_not_a_kecamatan(bajur):
    kecamatan = bajur.parent
    person = Person(village=kecamatan, name="Sahnan", sex=Sex.MALE)
    with pytest.raises(ValidationError) as refused:
        person.full_clean()
    assert "village" in refused.value.message_dict
