"""Indonesia's three time zones, decided by province (Kemendagri province code)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeZone(models.TextChoices):
    WIB = "Asia/Jakarta", _("WIB (UTC+7)")
    WITA = "Asia/Makassar", _("WITA (UTC+8)")
    WIT = "Asia/Jayapura", _("WIT (UTC+9)")


# Bali, Nusa Tenggara, South/East/North Kalimantan and Sulawesi keep central time;
# Maluku and Papua keep eastern time; everything else (Sumatra, Java, West and Central
# Kalimantan) keeps western time.
_WITA = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
_WIT = {"81", "82", "91", "92", "93", "94", "95", "96", "97"}


def timezone_for_code(code: str) -> TimeZone:
    province = code.split(".", 1)[0]
    if province in _WIT:
        return TimeZone.WIT
    if province in _WITA:
        return TimeZone.WITA
    return TimeZone.WIB


def short_label(tz: str) -> str:
    return {TimeZone.WIB: "WIB", TimeZone.WITA: "WITA", TimeZone.WIT: "WIT"}[TimeZone(tz)]
