"""Named beneficiaries of the village's work packages with the person's NIK: exported, and on
erasure renamed to the pseudonym with the NIK cleared (the package keeps its counts)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tridaya.core.personal_data import (
    Holder,
    NikShown,
    Rows,
    readable,
    record_nik_views,
    register_holder,
)
from tridaya.works.models import Beneficiary


def _rows(person):
    if not person.nik:
        return Beneficiary.objects.none()
    return Beneficiary.objects.filter(
        package__village_id=person.village_id, nik=person.nik
    ).select_related("package")


def _export(person) -> Rows:
    return [
        {str(_("Paket pekerjaan")): str(row.package), **readable(row, ["name", "nik", "sex"])}
        for row in _rows(person).order_by("pk")
    ]


def _pseudonymise(person, *, pseudonym: str) -> int:
    ids = list(_rows(person).values_list("pk", flat=True))
    return Beneficiary.objects.filter(pk__in=ids).update(name=pseudonym, nik="")


def register() -> None:
    register_holder(
        Holder(
            key="works.beneficiaries",
            label=_("Penerima manfaat pekerjaan"),
            export=_export,
            pseudonymise=_pseudonymise,
        )
    )


def log_beneficiary_niks(user, package, people, *, place: str) -> int:
    return record_nik_views(
        user,
        [NikShown("works.beneficiary", b.pk, package.village_id, b.nik) for b in people],
        place=place,
    )
