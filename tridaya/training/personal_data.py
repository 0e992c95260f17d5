"""A person's training participation (and certificates): kept, as certificates are issued
documents, with the participant's name replaced by the pseudonym."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tridaya.core.personal_data import Holder, Rows, readable, register_holder
from tridaya.training.models import Participant


def _export(person) -> Rows:
    rows = Participant.objects.filter(person=person).select_related("training").order_by("pk")
    return [
        {
            str(_("Pelatihan")): str(row.training),
            **readable(row, ["name", "sex", "is_poor", "group", "position"]),
        }
        for row in rows
    ]


def _pseudonymise(person, *, pseudonym: str) -> int:
    return Participant.objects.filter(person=person).update(name=pseudonym, position="")


def register() -> None:
    register_holder(
        Holder(
            key="training.participants",
            label=_("Keikutsertaan pelatihan"),
            export=_export,
            pseudonymise=_pseudonymise,
            retains=lambda person: Participant.objects.filter(person=person).exists(),
        )
    )
