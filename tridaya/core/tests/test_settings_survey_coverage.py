"""TRIDAYA_HOUSEHOLD_SURVEY_MIN_PCT comes from the environment as a percentage from 1 to 100;
a bad value stops start-up with a message that names the variable and what to set it to."""

import os
import subprocess
import sys
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from tridaya.env import env_percent

NAME = "TRIDAYA_HOUSEHOLD_SURVEY_MIN_PCT"


def test_unset_gives_the_default(monkeypatch):
    monkeypatch.delenv(NAME, raising=False)
    assert env_percent(NAME, 80) == Decimal("80")


@pytest.mark.parametrize(
    ("raw", "expected"), [("80", "80"), ("82.5", "82.5"), (" 1 ", "1"), ("100", "100")]
)
def test_a_percentage_is_read_as_a_decimal(monkeypatch, raw, expected):
    monkeypatch.setenv(NAME, raw)
    assert env_percent(NAME, 80) == Decimal(expected)


@pytest.mark.parametrize("raw", ["abc", "", "0", "0.5", "101", "-80", "82,5", "80%", "NaN", "inf"])
def test_a_bad_value_is_refused_saying_what_to_set(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)
    with pytest.raises(ImproperlyConfigured) as error:
        env_percent(NAME, 80)
    message = str(error.value)
    assert f"{NAME}={raw!r}" in message
    assert "from 1 to 100" in message


def test_the_loaded_setting_is_what_the_household_selector_reads():
    assert isinstance(settings.TRIDAYA_HOUSEHOLD_SURVEY_MIN_PCT, Decimal)
    assert 1 <= settings.TRIDAYA_HOUSEHOLD_SURVEY_MIN_PCT <= 100


def test_start_up_stops_on_a_bad_value():
    env = {**os.environ, NAME: "eighty", "DJANGO_SETTINGS_MODULE": "tridaya.settings"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert f"{NAME}='eighty' is not valid" in result.stderr
