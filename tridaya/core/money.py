"""Money is whole rupiah in integers; never floats. These helpers show and read it."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def group_thousands(value: int) -> str:
    """12500 -> '12.500' (Indonesian digit grouping with dots)."""
    sign = "-" if value < 0 else ""
    return sign + f"{abs(int(value)):,}".replace(",", ".")


def format_rupiah(value: int | None) -> str:
    """1000000000 -> 'Rp 1.000.000.000'; negative amounts as '-Rp 5.000'."""
    if value is None:
        return "-"
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"rupiah must be an int, got {type(value).__name__}")
    sign = "-" if value < 0 else ""
    return f"{sign}Rp {group_thousands(abs(value))}"


_RUPIAH_TEXT = re.compile(r"^\s*(-)?\s*(?:rp\.?)?\s*([0-9][0-9.\s]*)(?:,-|,00)?\s*$", re.IGNORECASE)


def parse_rupiah(text: str) -> int:
    """Read what people type: 'Rp 1.250.000', '1250000', '1.250.000,-'. Cents are refused."""
    match = _RUPIAH_TEXT.match(str(text))
    if not match:
        raise ValidationError(
            _("'%(text)s' bukan jumlah rupiah. Tulis angka bulat, misalnya 1.250.000."),
            code="invalid_rupiah",
            params={"text": text},
        )
    digits = re.sub(r"[.\s]", "", match.group(2))
    amount = int(digits)
    return -amount if match.group(1) else amount
