"""A person's attendance at the village's meetings (rembug): the lists are part of the meeting's
signed record, so they are kept with the name replaced by the pseudonym."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tridaya.core.personal_data import Holder, Rows, readable, register_holder
from tridaya.cycle.models import Attendance


def _rows(person):
    return Attendance.objects.filter(person=person).select_related("meeting").order_by("pk")


def _export(person) -> Rows:
    return [
        {str(_("Pertemuan")): str(row.meeting), **readable(row, ["name", "sex", "role"])}
        for row in _rows(person)
    ]


def _pseudonymise(person, *, pseudonym: str) -> int:
    return Attendance.objects.filter(person=person).update(name=pseudonym)


def register() -> None:
    register_holder(
        Holder(
            key="cycle.attendance",
            label=_("Kehadiran di pertemuan"),
            export=_export,
            pseudonymise=_pseudonymise,
            retains=lambda person: Attendance.objects.filter(person=person).exists(),
        )
    )
