"""Writes of one household at a time (the household form and the API); survey files go through
`services.surveys.survey_import`.

A household stores its head's name, sex and NIK (a NIK heads at most one household of the
village). When the village's register of people holds a person with that NIK, the household
links to them and their `is_poor` follows the household's, written through the institutions
services as the system (`actor=None`) after checking that the actor may manage households (a TIPP
volunteer may record a household without managing the village's institutions). The household's
own audit event names the actor. Its poverty status is derived from the 14 BPS answers here and
nowhere else. Names and NIKs never enter the household's audit trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.accounts.models import User
from tridaya.core.audit import diff, record_event, snapshot
from tridaya.core.errors import DomainError
from tridaya.core.geo import validate_geojson
from tridaya.core.policy import authorize
from tridaya.institutions import services as people
from tridaya.institutions.models import Person
from tridaya.mapping.errors import MappingError
from tridaya.mapping.models import CRITERIA_FIELDS, Household, HouseholdSource
from tridaya.mapping.policy import MANAGE_HOUSEHOLDS
from tridaya.regions.models import RT, Region

Actor = User | None

HOUSEHOLD_FIELDS = [
    "rt",
    "head",
    "members",
    "women",
    "disabled",
    "land_tenure",
    "building_tenure",
    "housing_condition",
    "water_source",
    "sanitation",
    "waste",
    "electricity",
    "cooking_fuel",
    "income_source",
    *CRITERIA_FIELDS,
    "criteria_met",
    "is_poor",
    "location",
    "surveyed_on",
]
# Answers a caller sets (the rest are derived or fixed by the service).
ANSWER_FIELDS = [
    "members",
    "women",
    "disabled",
    "land_tenure",
    "building_tenure",
    "housing_condition",
    "water_source",
    "sanitation",
    "waste",
    "electricity",
    "cooking_fuel",
    "income_source",
    "surveyed_on",
]


def _criteria(criteria: Mapping[str, bool]) -> dict[str, bool]:
    unknown = sorted(set(criteria) - set(CRITERIA_FIELDS))
    if unknown:
        raise DomainError(
            _("Kriteria BPS tidak dikenal: %(names)s.") % {"names": ", ".join(unknown)},
            code=MappingError.HOUSEHOLD_UNKNOWN_CRITERION,
        )
    return {name: bool(criteria.get(name, False)) for name in CRITERIA_FIELDS}


def _head_taken() -> DomainError:
    return DomainError(
        {"head_nik": [_("NIK ini sudah menjadi kepala KK lain.")]},
        code=MappingError.HOUSEHOLD_HEAD_TAKEN,
    )


def _set_head(household: Household, *, name: str, sex: str, nik: str) -> None:
    """Store the head's details and link the register's person with this NIK, if any.
    Refuses a NIK that already heads another household of the village."""
    nik = nik.strip()
    others = Household.objects.filter(village_id=household.village_id).exclude(pk=household.pk)
    if nik and others.filter(head_nik=nik).exists():
        raise _head_taken()
    household.head_name, household.head_sex, household.head_nik = name.strip(), sex, nik
    register = Person.objects.filter(village_id=household.village_id)
    person = register.filter(nik=nik).first() if nik else None
    if person is not None and others.filter(head=person).exists():
        raise _head_taken()  # the person's NIK changed after they were linked elsewhere
    household.head = person


def _head_follows(household: Household) -> None:
    """The linked person's poverty status follows the household's."""
    head = household.head
    if head is not None and head.is_poor != household.is_poor:
        people.person_update_nested(
            actor=None, person=head, **{**_head_values(head), "is_poor": household.is_poor}
        )


def _apply(
    household: Household,
    *,
    rt: RT,
    answers: Mapping[str, Any],
    criteria: Mapping[str, bool],
    location: dict | None,
) -> None:
    if rt.village_id != household.village_id:
        raise DomainError(
            {"rt": [_("RT ini bukan bagian dari kelurahan/desa ini.")]},
            code=MappingError.HOUSEHOLD_WRONG_RT,
        )
    surveyed_on = answers.get("surveyed_on")
    if surveyed_on is not None and surveyed_on > timezone.localdate():
        raise DomainError(
            {"surveyed_on": [_("Tanggal survei tidak boleh di masa depan.")]},
            code=MappingError.HOUSEHOLD_SURVEY_IN_FUTURE,
        )
    household.rt = rt
    for name in ANSWER_FIELDS:
        value = answers.get(name)
        if name in ("women", "disabled") and value is None:
            value = 0
        setattr(household, name, value if value is not None or name == "surveyed_on" else "")
    for name, value in _criteria(criteria).items():
        setattr(household, name, value)
    household.location = validate_geojson(location, ("Point",)) if location is not None else None
    household.set_poverty_status()


def _save(household: Household) -> None:
    household.full_clean()
    household.save()


def _head_values(person: Person) -> dict[str, Any]:
    return {name: getattr(person, name) for name in people.PERSON_FIELDS}


@transaction.atomic(durable=True)
def household_create(
    *,
    actor: Actor,
    village: Region,
    rt: RT,
    head_name: str,
    head_sex: str,
    members: int,
    head_nik: str = "",
    women: int = 0,
    disabled: int = 0,
    land_tenure: str = "",
    building_tenure: str = "",
    housing_condition: str = "",
    water_source: str = "",
    sanitation: str = "",
    waste: str = "",
    electricity: str = "",
    cooking_fuel: str = "",
    income_source: str = "",
    criteria: Mapping[str, bool] | None = None,
    location: dict | None = None,
    surveyed_on: dt.date | None = None,
) -> Household:
    """Record a household of `village` in `rt`, linked to the register's person with
    `head_nik` when there is one."""
    if not village.is_village:
        raise DomainError(
            _("%(region)s bukan kelurahan/desa.") % {"region": village},
            code=MappingError.HOUSEHOLD_NOT_A_VILLAGE,
        )
    authorize(actor, MANAGE_HOUSEHOLDS, village)
    household = Household(village=village, source=HouseholdSource.FORM)
    answers = {
        "members": members,
        "women": women,
        "disabled": disabled,
        "land_tenure": land_tenure,
        "building_tenure": building_tenure,
        "housing_condition": housing_condition,
        "water_source": water_source,
        "sanitation": sanitation,
        "waste": waste,
        "electricity": electricity,
        "cooking_fuel": cooking_fuel,
        "income_source": income_source,
        "surveyed_on": surveyed_on,
    }
    _apply(household, rt=rt, answers=answers, criteria=criteria or {}, location=location)
    _set_head(household, name=head_name, sex=head_sex, nik=head_nik)
    _save(household)
    _head_follows(household)
    record_event(
        actor=actor,
        action="mapping.household_created",
        obj=household,
        changes=diff({}, snapshot(household, HOUSEHOLD_FIELDS)),
    )
    return household


@transaction.atomic(durable=True)
def household_update(
    *,
    actor: Actor,
    household: Household,
    rt: RT,
    head_name: str,
    head_sex: str,
    members: int,
    head_nik: str = "",
    women: int = 0,
    disabled: int = 0,
    land_tenure: str = "",
    building_tenure: str = "",
    housing_condition: str = "",
    water_source: str = "",
    sanitation: str = "",
    waste: str = "",
    electricity: str = "",
    cooking_fuel: str = "",
    income_source: str = "",
    criteria: Mapping[str, bool] | None = None,
    location: dict | None = None,
    surveyed_on: dt.date | None = None,
) -> Household:
    """Change a household's answers; its poverty status and its linked head's follow. The
    audit records what changed (the linked head by id, never a name or NIK)."""
    authorize(actor, MANAGE_HOUSEHOLDS, household)
    household = Household.objects.select_for_update().get(pk=household.pk)
    before = snapshot(household, HOUSEHOLD_FIELDS)
    answers = {
        "members": members,
        "women": women,
        "disabled": disabled,
        "land_tenure": land_tenure,
        "building_tenure": building_tenure,
        "housing_condition": housing_condition,
        "water_source": water_source,
        "sanitation": sanitation,
        "waste": waste,
        "electricity": electricity,
        "cooking_fuel": cooking_fuel,
        "income_source": income_source,
        "surveyed_on": surveyed_on,
    }
    _apply(household, rt=rt, answers=answers, criteria=criteria or {}, location=location)
    _set_head(household, name=head_name, sex=head_sex, nik=head_nik)
    _save(household)
    _head_follows(household)
    changes = diff(before, snapshot(household, HOUSEHOLD_FIELDS))
    if changes:
        record_event(
            actor=actor, action="mapping.household_updated", obj=household, changes=changes
        )
    return household


@transaction.atomic(durable=True)
def household_delete(*, actor: Actor, household: Household) -> None:
    """Remove a household recorded by mistake; a linked head stays in the register of people."""
    authorize(actor, MANAGE_HOUSEHOLDS, household)
    record_event(
        actor=actor,
        action="mapping.household_deleted",
        obj=household,
        changes=diff(snapshot(household, HOUSEHOLD_FIELDS), {}),
    )
    household.delete()
