from decimal import Decimal

import pytest
from django.template import Context, Template

from tridaya.core.formats import (
    format_millions,
    format_number,
    format_percent,
    format_rupiah,
    group_thousands,
)


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (12500, None, "12.500"),
        (-1234567, None, "-1.234.567"),
        (Decimal("1250.50"), None, "1.250,5"),
        (Decimal("12.000"), None, "12"),
        (1268.4, 2, "1.268,40"),
        (-0.4, 0, "0"),
        (-0.5, 0, "-1"),
        ("2.675", 2, "2,68"),
        (None, None, "-"),
    ],
)
def test_format_number(value, places, text):
    assert format_number(value, places) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(62.5, "62,5%"), (100, "100%"), (Decimal("33.333"), "33,3%"), (Decimal("99.96"), "100%")],
)
def test_format_percent(value, text):
    assert format_percent(value) == text


def test_rupiah_and_grouping():
    assert format_rupiah(1_000_000_000) == "Rp 1.000.000.000"
    assert format_rupiah(-5000) == "-Rp 5.000"
    assert format_rupiah(None) == "-"
    with pytest.raises(TypeError):
        format_rupiah(1.5)
    assert group_thousands(-12500) == "-12.500"
    assert format_millions(12_500_000) == "13"


def test_template_filters_use_the_formats():
    template = Template(
        "{{ a|angka }} {{ b|desimal }} {{ c|rupiah }} {{ d|persen }} "
        "{{ e|desimal:1 }} {{ f|angka }}"
    )
    text = template.render(
        Context({"a": 12500, "b": 1268.4, "c": 5000, "d": Decimal("62.5"), "e": -0.04, "f": None})
    )
    assert text == "12.500 1.268,40 Rp 5.000 62,5% 0,0 -"


def test_a_stored_measure_keeps_its_precision_trimmed():
    from tridaya.core.formats import format_stored

    assert format_stored(Decimal("0.389174")) == "0,389174"
    assert format_stored(Decimal("0.500000")) == "0,5"
    assert format_stored(Decimal("412.750")) == "412,75"
    assert format_stored(Decimal("12000.000000")) == "12.000"
    assert format_stored(0.1 + 0.2) == "0,3"  # float noise rounded at 6 decimals
    assert format_stored(None) == "-"


def test_format_number_without_thousands_dots_quotes_a_value_as_typed():
    assert format_number(Decimal("2000.00"), group=False) == "2000"
    assert format_number(Decimal("12.50"), group=False) == "12,5"
    assert format_number(Decimal("-1234.5"), group=False) == "-1234,5"
    assert format_number(Decimal("0.389174"), group=False) == "0,389174"
    assert format_number(Decimal("2000.00")) == "2.000"
