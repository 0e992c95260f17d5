"""Numbers read from text: only ASCII digits, only what a database column holds."""

import pytest

from tridaya.core.params import MAX_ID, parse_id, parse_int


@pytest.mark.parametrize(
    "text", ["", "²", "١٢", " 12", "+12", "-1", "1_000", "12a", str(MAX_ID + 1), None, 12]
)
def test_anything_but_plain_digits_in_range_is_none(text):
    assert parse_int(text) is None


def test_plain_digits_are_the_number_and_bounds_are_kept():
    assert parse_int("0") == 0 and parse_int(str(MAX_ID)) == MAX_ID
    assert parse_int("2026", minimum=2000, maximum=2100) == 2026
    assert parse_int("1999", minimum=2000, maximum=2100) is None
    assert parse_id("0") is None and parse_id("7") == 7
