"""Issue 11, item 11: latitude 95 gets one message, not two contradictory ones."""

import pytest

from tridaya.mapping.forms.households import HouseholdForm


@pytest.mark.django_db
def test_latitude_95_gets_one_message(bajur):
    form = HouseholdForm({"latitude": "95", "longitude": "116.1"}, village=bajur)
    form.is_valid()
    assert len(form.errors["latitude"]) == 1
    assert "90" in form.errors["latitude"][0]
    assert "Isi lintang dan bujur." not in str(form.errors)


@pytest.mark.django_db
def test_a_missing_longitude_is_still_asked_for(bajur):
    form = HouseholdForm({"latitude": "-8.6"}, village=bajur)
    form.is_valid()
    assert "Isi lintang dan bujur." in str(form.errors["longitude"])
