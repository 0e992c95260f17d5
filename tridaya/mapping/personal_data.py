"""The household a person heads (linked to the register, or with the same NIK in the same
village): exported in full; on erasure the head's name becomes the pseudonym and the NIK is
cleared (the survey's counts stay, the household is no longer named)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tridaya.core.personal_data import (
    Holder,
    NikShown,
    Rows,
    readable,
    record_nik_views,
    register_holder,
)
from tridaya.mapping.models import Household

FIELDS = [
    "rt",
    "head_name",
    "head_sex",
    "head_nik",
    "members",
    "women",
    "disabled",
    "land_tenure",
    "building_tenure",
    "housing_condition",
    "water_source",
    "sanitation",
    "electricity",
    "income_source",
    "is_poor",
    "location",
    "surveyed_on",
]


def _households(person):
    match = Q(head=person)
    if person.nik:
        match |= Q(village_id=person.village_id, head_nik=person.nik)
    return Household.objects.filter(match).select_related("rt").order_by("pk")


def _export(person) -> Rows:
    return [readable(row, FIELDS) for row in _households(person)]


def _pseudonymise(person, *, pseudonym: str) -> int:
    ids = list(_households(person).values_list("pk", flat=True))
    return Household.objects.filter(pk__in=ids).update(head_name=pseudonym, head_nik="")


def register() -> None:
    register_holder(
        Holder(
            key="mapping.households",
            label=_("Rumah tangga (survei)"),
            export=_export,
            pseudonymise=_pseudonymise,
        )
    )


def log_household_niks(user, households, *, place: str) -> int:
    """Record that `user` was shown these household heads' NIKs in full (core.personal_data)."""
    return record_nik_views(
        user,
        [NikShown("mapping.household", h.pk, h.village_id, h.head_nik) for h in households],
        place=place,
    )
