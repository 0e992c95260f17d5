import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from tridaya.core.money import format_rupiah, parse_rupiah


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0, "Rp 0"),
        (999, "Rp 999"),
        (1000, "Rp 1.000"),
        (1_250_000, "Rp 1.250.000"),
        (1_000_000_000, "Rp 1.000.000.000"),
        (-5000, "-Rp 5.000"),
    ],
)
def test_format_rupiah(amount, text):
    assert format_rupiah(amount) == text


def test_format_rupiah_refuses_floats():
    with pytest.raises(TypeError):
        format_rupiah(1.5)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Rp 1.250.000", 1_250_000),
        ("1250000", 1_250_000),
        ("1.250.000,-", 1_250_000),
        ("rp. 500", 500),
        ("-Rp 5.000", -5000),
    ],
)
def test_parse_rupiah(text, amount):
    assert parse_rupiah(text) == amount


@pytest.mark.parametrize("text", ["", "abc", "1,5", "Rp 12,50"])
def test_parse_rupiah_refuses_non_amounts_with_a_hint(text):
    with pytest.raises(ValidationError) as exc:
        parse_rupiah(text)
    assert "angka bulat" in str(exc.value)


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_format_then_parse_round_trips(amount):
    assert parse_rupiah(format_rupiah(amount)) == amount
