"""Complaints whose contact is the person's phone number in their village: the complainant's
name and contact are exported, and cleared on erasure (the complaint and its handling stay)."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

from tridaya.core.personal_data import Holder, Rows, readable, register_holder
from tridaya.oversight.models import Complaint


def _digits(phone: str) -> str:
    digits = re.sub(r"\D", "", phone or "")
    return "0" + digits[2:] if digits.startswith("62") else digits


def _complaints(person) -> list[Complaint]:
    phone = _digits(person.phone)
    if len(phone) < 6:
        return []
    candidates = Complaint.objects.filter(village_id=person.village_id).exclude(contact="")
    return [c for c in candidates.order_by("pk") if _digits(c.contact) == phone]


def _export(person) -> Rows:
    return [
        readable(c, ["tracking_code", "created_at", "channel", "name", "contact", "text"])
        for c in _complaints(person)
    ]


def _pseudonymise(person, *, pseudonym: str) -> int:
    ids = [c.pk for c in _complaints(person)]
    return Complaint.objects.filter(pk__in=ids).update(name="", contact="")


def register() -> None:
    register_holder(
        Holder(
            key="oversight.complaints",
            label=_("Pengaduan (sebagai pengadu)"),
            export=_export,
            pseudonymise=_pseudonymise,
        )
    )
