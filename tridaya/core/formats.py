"""Indonesian number formats: a dot groups thousands, a comma marks decimals ('1.268,40'),
money is whole rupiah ('Rp 1.000.000'), a percent has its sign right after ('62,5%').
The template filters (`angka`, `desimal`, `rupiah`, `persen`) and documents use these."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

Number = int | float | Decimal


def group_thousands(value: int) -> str:
    """12500 -> '12.500'; -12500 -> '-12.500'."""
    sign = "-" if value < 0 else ""
    return sign + f"{abs(int(value)):,}".replace(",", ".")


def format_rupiah(value: int | None) -> str:
    """1000000000 -> 'Rp 1.000.000.000'; negative amounts as '-Rp 5.000'; None as '-'."""
    if value is None:
        return "-"
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"rupiah must be an int, got {type(value).__name__}")
    sign = "-" if value < 0 else ""
    return f"{sign}Rp {group_thousands(abs(value))}"


def _decimal(value: Number | str) -> Decimal:
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {value!r}") from exc


def format_number(
    value: Number | str | None, places: int | None = None, *, group: bool = True
) -> str:
    """Indonesian digits. `places=None` keeps what the value holds without trailing zeros
    (1250.50 -> '1.250,5', 12.000 -> '12'); `places=n` rounds half up to exactly n decimals
    (format_number(1268.4, 2) -> '1.268,40'); `group=False` leaves out the thousands dots
    (a value quoted back as it was typed: 2000 -> '2000'). None -> '-'."""
    if value is None or value == "":
        return "-"
    number = _decimal(value)
    if places is None:
        number = number.normalize() if number != number.to_integral_value() else number.quantize(1)
    else:
        number = number.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, _dot, fraction = f"{abs(number):f}".partition(".")
    grouped = group_thousands(int(whole)) if group else whole
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def format_stored(value: Number | str | None, places: int = 6) -> str:
    """A measured quantity with the precision it is stored with, trimmed: rounded half up to at
    most `places` decimals, trailing zeros dropped (0.389174 -> '0,389174', 412.750 ->
    '412,75', 12.000000 -> '12'). None -> '-'."""
    if value is None or value == "":
        return "-"
    number = _decimal(value).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return format_number(number, None)


def format_percent(value: Number | str | None, places: int = 1) -> str:
    """A percentage (already times 100): 62.5 -> '62,5%', 100 -> '100%' (a whole number shows
    no decimals), rounded half up to `places`. None -> '-'."""
    if value is None or value == "":
        return "-"
    number = _decimal(value).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    if number == number.to_integral_value():
        number = number.quantize(1)
    return format_number(number, None) + "%"


def format_millions(value: Number) -> str:
    """An axis label in millions of rupiah: 12_500_000 -> '13' (rounded), with grouping."""
    return format_number(Decimal(str(value)) / 1_000_000, 0)
