"""Indonesian date formats used on pages and in official documents (berita acara)."""

import datetime as dt

MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]

_ONES = [
    "",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
]


def format_date_id(value: dt.date) -> str:
    """date(2026, 11, 27) -> '27 November 2026'."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def number_in_words(n: int) -> str:
    """Terbilang: 2026 -> 'dua ribu dua puluh enam'; 1000000 -> 'satu juta'."""
    if n < 0:
        return "minus " + number_in_words(-n)
    if n == 0:
        return "nol"
    return _words(n).strip()


def _words(n: int) -> str:
    if n < 12:
        return _ONES[n]
    if n < 20:
        return f"{_ONES[n - 10]} belas"
    if n < 100:
        return f"{_ONES[n // 10]} puluh {_words(n % 10)}".strip()
    if n < 200:
        return f"seratus {_words(n - 100)}".strip()
    if n < 1000:
        return f"{_ONES[n // 100]} ratus {_words(n % 100)}".strip()
    if n < 2000:
        return f"seribu {_words(n - 1000)}".strip()
    for size, name in ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu")):
        if n >= size:
            return f"{_words(n // size)} {name} {_words(n % size)}".strip()
    raise AssertionError("unreachable")


def date_in_words(value: dt.date) -> str:
    """The form of a berita acara: 'hari Jumat tanggal dua puluh tujuh bulan November tahun
    dua ribu dua puluh enam'."""
    return (
        f"hari {WEEKDAYS[value.weekday()]} tanggal {number_in_words(value.day)} "
        f"bulan {MONTHS[value.month - 1]} tahun {number_in_words(value.year)}"
    )
