import datetime as dt

import pytest

from tridaya.core.dates import date_in_words, format_date_id, number_in_words


def test_format_date_id():
    assert format_date_id(dt.date(2026, 11, 27)) == "27 November 2026"
    assert format_date_id(dt.date(2026, 1, 1)) == "1 Januari 2026"


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "nol"),
        (1, "satu"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (19, "sembilan belas"),
        (20, "dua puluh"),
        (27, "dua puluh tujuh"),
        (100, "seratus"),
        (111, "seratus sebelas"),
        (250, "dua ratus lima puluh"),
        (1000, "seribu"),
        (1100, "seribu seratus"),
        (2026, "dua ribu dua puluh enam"),
        (1_000_000, "satu juta"),
        (1_000_000_000, "satu miliar"),
        (1_250_000, "satu juta dua ratus lima puluh ribu"),
    ],
)
def test_number_in_words(n, words):
    assert number_in_words(n) == words


def test_date_in_words_for_berita_acara():
    assert date_in_words(dt.date(2026, 11, 27)) == (
        "hari Jumat tanggal dua puluh tujuh bulan November tahun dua ribu dua puluh enam"
    )
