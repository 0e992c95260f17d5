"""People of a village: the register (NIK and phone never enter the audit trail in clear), and
the poverty status of household heads set by a survey import."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.core.audit import diff, record_event, snapshot
from tridaya.core.errors import DomainError
from tridaya.core.policy import authorize
from tridaya.institutions.errors import InstitutionError
from tridaya.institutions.models import (
    Person,
)
from tridaya.institutions.policy import MARK_HOUSEHOLD_HEADS
from tridaya.institutions.selectors import LOOKUP_CHUNK
from tridaya.institutions.services.common import (
    Actor,
    _authorize,
    _require_village,
    _save,
)
from tridaya.regions.models import Region

PERSON_FIELDS = [
    "name",
    "sex",
    "birth_year",
    "education",
    "occupation",
    "is_poor",
    "disability",
    "disability_note",
    "phone",
    "nik",
]
# Personal data that the audit trail records only as "changed".
SECRET_FIELDS = ("nik", "phone")


def _mask(value: Any) -> Any:
    return "***" if value else value


def _person_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    changes = diff(before, after)
    for name in SECRET_FIELDS:
        if name in changes:
            changes[name] = [_mask(value) for value in changes[name]]
    return changes


@transaction.atomic(durable=True)
def person_create(
    *,
    actor: Actor,
    village: Region,
    name: str,
    sex: str,
    birth_year: int | None = None,
    education: str = "",
    occupation: str = "",
    is_poor: bool = False,
    disability: bool = False,
    disability_note: str = "",
    phone: str = "",
    nik: str = "",
) -> Person:
    """Record a resident of `village`. The NIK is optional and unique within the village."""
    _require_village(village)
    _authorize(actor, village.code)
    person = Person(
        village=village,
        name=name.strip(),
        sex=sex,
        birth_year=birth_year,
        education=education,
        occupation=occupation.strip(),
        is_poor=is_poor,
        disability=disability,
        disability_note=disability_note.strip(),
        phone=phone.strip(),
        nik=nik.strip(),
    )
    _save(person)
    record_event(
        actor=actor,
        action="institutions.person_created",
        obj=person,
        changes=_person_changes({}, snapshot(person, PERSON_FIELDS)),
    )
    return person


def _person_update(
    *,
    actor: Actor,
    person: Person,
    name: str,
    sex: str,
    birth_year: int | None,
    education: str,
    occupation: str,
    is_poor: bool,
    disability: bool,
    disability_note: str,
    phone: str,
    nik: str,
) -> Person:
    """Change a resident's data; the audit records what changed, NIK and phone masked."""
    _authorize(actor, person.village_id)
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = snapshot(person, PERSON_FIELDS)
    person.name = name.strip()
    person.sex = sex
    person.birth_year = birth_year
    person.education = education
    person.occupation = occupation.strip()
    person.is_poor = is_poor
    person.disability = disability
    person.disability_note = disability_note.strip()
    person.phone = phone.strip()
    person.nik = nik.strip()
    _save(person)
    changes = _person_changes(before, snapshot(person, PERSON_FIELDS))
    if changes:
        record_event(actor=actor, action="institutions.person_updated", obj=person, changes=changes)
    return person


person_update = transaction.atomic(durable=True)(_person_update)
# For another app's service, inside its transaction (mapping's household services: a head's
# poverty status follows the household's).
person_update_nested = transaction.atomic(_person_update)


@dataclass(frozen=True)
class HeadsMarked:
    """What `people_mark_household_heads` did."""

    people: int  # registered people heading a household of the import
    became_poor: list[int] = field(default_factory=list)  # person ids
    became_not_poor: list[int] = field(default_factory=list)


@transaction.atomic
def people_mark_household_heads(
    *, actor: Actor, village: Region, heads: Mapping[int, bool], source: str
) -> HeadsMarked:
    """The registered people of `village` who head a household take its poverty status
    (`heads`: person id -> the household is poor). Bulk: two UPDATE queries per thousand people
    whatever their number, and one audit event for the whole call, naming `source` (for example
    "survei #12"): a survey import calls it once, with every head it linked. People of another
    village are refused; an empty `heads` does nothing. Not durable: it runs inside the survey
    import's transaction."""
    _require_village(village)
    authorize(actor, MARK_HOUSEHOLD_HEADS, village)
    if not heads:
        return HeadsMarked(people=0)
    ids = sorted(heads)
    current: dict[int, bool] = {}
    for start in range(0, len(ids), LOOKUP_CHUNK):
        chunk = ids[start : start + LOOKUP_CHUNK]
        current.update(
            Person.objects.select_for_update()
            .filter(village=village, pk__in=chunk)
            .values_list("pk", "is_poor")
        )
    strangers = [pk for pk in ids if pk not in current]
    if strangers:
        raise DomainError(
            _("Orang dengan ID %(ids)s tidak terdaftar di %(village)s.")
            % {"ids": ", ".join(map(str, strangers[:10])), "village": village},
            code=InstitutionError.PERSON_NOT_IN_VILLAGE,
        )
    result = HeadsMarked(
        people=len(ids),
        became_poor=[pk for pk in ids if heads[pk] and not current[pk]],
        became_not_poor=[pk for pk in ids if not heads[pk] and current[pk]],
    )
    now = timezone.now()
    for is_poor, changed in ((True, result.became_poor), (False, result.became_not_poor)):
        for start in range(0, len(changed), LOOKUP_CHUNK):
            Person.objects.filter(pk__in=changed[start : start + LOOKUP_CHUNK]).update(
                is_poor=is_poor, updated_at=now
            )
    if result.became_poor or result.became_not_poor:
        record_event(
            actor=actor,
            action="institutions.household_heads_marked",
            obj=village,
            region_code=village.code,
            changes={
                "source": [None, source],
                "became_poor": [None, result.became_poor],
                "became_not_poor": [None, result.became_not_poor],
            },
        )
    return result
