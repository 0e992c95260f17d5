"""Money is whole rupiah in integers; never floats. These helpers show and read it."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Formatting lives in tridaya.core.formats; these names stay importable from here.
from tridaya.core.formats import format_rupiah, group_thousands

__all__ = ["format_rupiah", "group_thousands", "parse_rupiah"]


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
