"""Every write to a village's people and institutions. Each service checks the policy (unless
the system itself calls it with `actor=None`), validates with `full_clean()`, writes, and records
an audit event in the same transaction. NIK and phone never enter the audit trail: a change to
them is recorded as `["***", "***"]`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.accounts.models import User
from tridaya.core.audit import diff, record_event, snapshot
from tridaya.core.errors import DomainError, ErrorCode
from tridaya.core.policy import authorize
from tridaya.institutions.models import (
    BKM,
    KPP,
    KSM,
    KSM_MIN_MEMBERS,
    TIPP,
    BKMMember,
    Election,
    ElectionCandidate,
    KPPMember,
    KSMMember,
    Person,
    Pokja,
    PokjaMember,
    TIPPMember,
    UPStaff,
    UPUnit,
    default_term_end,
)
from tridaya.institutions.policy import MANAGE, MARK_HOUSEHOLD_HEADS
from tridaya.institutions.selectors import LOOKUP_CHUNK
from tridaya.regions.models import Region

Actor = User | None


class InstitutionError(ErrorCode):
    NOT_A_VILLAGE = "not_a_village"
    KSM_TOO_FEW_MEMBERS = "ksm_too_few_members"
    KSM_LEADER_NOT_MEMBER = "ksm_leader_not_member"
    KSM_LEADER_CANNOT_LEAVE = "ksm_leader_cannot_leave"
    ELECTION_WITHOUT_CANDIDATES = "election_without_candidates"
    ELECTION_DUPLICATE_CANDIDATE = "election_duplicate_candidate"
    ELECTION_IN_FUTURE = "election_in_future"
    PERSON_NOT_IN_VILLAGE = "person_not_in_village"


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


def _require_village(region: Region) -> None:
    if not region.is_village:
        raise DomainError(
            _("%(region)s bukan kelurahan/desa.") % {"region": region},
            code=InstitutionError.NOT_A_VILLAGE,
        )


def _authorize(actor: Actor, village_code: str) -> None:
    authorize(actor, MANAGE, village_code)


def _save(obj) -> None:
    obj.full_clean()
    obj.save()


def _record_added(actor: Actor, action: str, member, fields: list[str]) -> None:
    changes = {name: [None, value] for name, value in snapshot(member, fields).items()}
    record_event(actor=actor, action=action, obj=member, changes=changes)


def _remove_member(actor: Actor, action: str, member, village_code: str) -> None:
    _authorize(actor, village_code)
    record_event(
        actor=actor,
        action=action,
        obj=member,
        changes={"person": [member.person_id, None]},
        region_code=village_code,
    )
    member.delete()


# People ----------------------------------------------------------------------------------------


@transaction.atomic
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


@transaction.atomic
def person_update(
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
    village are refused; an empty `heads` does nothing."""
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


# BKM and its elections -------------------------------------------------------------------------


@transaction.atomic
def bkm_save(
    *, actor: Actor, village: Region, name: str, established_on: dt.date | None = None
) -> BKM:
    """Create the village's BKM, or change its name and founding date."""
    _require_village(village)
    _authorize(actor, village.code)
    bkm = BKM.objects.select_for_update().filter(village=village).first() or BKM(village=village)
    before = snapshot(bkm, ["name", "established_on"]) if bkm.pk else {}
    bkm.name = name.strip()
    bkm.established_on = established_on
    _save(bkm)
    changes = diff(before, snapshot(bkm, ["name", "established_on"]))
    if changes:
        record_event(actor=actor, action="institutions.bkm_saved", obj=bkm, changes=changes)
    return bkm


@transaction.atomic
def bkm_member_add(
    *,
    actor: Actor,
    bkm: BKM,
    person: Person,
    position: str,
    term_start: dt.date,
    no_party_declaration: bool,
    term_end: dt.date | None = None,
    declaration_date: dt.date | None = None,
) -> BKMMember:
    """Seat `person` on the BKM for a term (three years unless `term_end` says otherwise). The
    member's written declaration of not belonging to a political party is required."""
    _authorize(actor, bkm.village_id)
    member = BKMMember(
        bkm=bkm,
        person=person,
        position=position,
        term_start=term_start,
        term_end=term_end or default_term_end(term_start),
        no_party_declaration=no_party_declaration,
        declaration_date=declaration_date or timezone.localdate(),
    )
    _save(member)
    _record_added(
        actor,
        "institutions.bkm_member_added",
        member,
        [
            "person",
            "position",
            "term_start",
            "term_end",
            "no_party_declaration",
            "declaration_date",
        ],
    )
    return member


@transaction.atomic
def bkm_member_remove(*, actor: Actor, member: BKMMember) -> None:
    """Take back a seat recorded by mistake (the audit keeps the trace)."""
    _remove_member(actor, "institutions.bkm_member_removed", member, member.bkm.village_id)


@dataclass(frozen=True)
class CandidateVotes:
    person: Person
    votes: int
    elected: bool = False


@transaction.atomic
def election_record(
    *,
    actor: Actor,
    bkm: BKM,
    held_on: dt.date,
    candidates: Sequence[CandidateVotes],
    place: str = "",
    notes: str = "",
    meeting_id: int | None = None,
) -> Election:
    """Record a BKM election with the votes each candidate received."""
    _authorize(actor, bkm.village_id)
    if not candidates:
        raise DomainError(
            _("Catat sedikitnya satu calon dengan perolehan suaranya."),
            code=InstitutionError.ELECTION_WITHOUT_CANDIDATES,
        )
    seen: set[int] = set()
    for candidate in candidates:
        if candidate.person.pk in seen:
            raise DomainError(
                _("%(person)s tercatat lebih dari sekali sebagai calon.")
                % {"person": candidate.person.name},
                code=InstitutionError.ELECTION_DUPLICATE_CANDIDATE,
            )
        seen.add(candidate.person.pk)
    if held_on > timezone.localdate():
        raise DomainError(
            _("Tanggal pemilihan tidak boleh di masa depan."),
            code=InstitutionError.ELECTION_IN_FUTURE,
        )
    election = Election(
        bkm=bkm, held_on=held_on, place=place.strip(), notes=notes.strip(), meeting_id=meeting_id
    )
    _save(election)
    rows = []
    for candidate in candidates:
        row = ElectionCandidate(
            election=election,
            person=candidate.person,
            votes=candidate.votes,
            elected=candidate.elected,
        )
        _save(row)
        rows.append({"person": row.person_id, "votes": row.votes, "elected": row.elected})
    record_event(
        actor=actor,
        action="institutions.election_recorded",
        obj=election,
        changes={
            "held_on": [None, held_on.isoformat()],
            "place": [None, election.place],
            "meeting_id": [None, meeting_id],
            "candidates": [None, rows],
        },
    )
    return election


@transaction.atomic
def election_link_meeting(*, actor: Actor, election: Election, meeting_id: int | None) -> Election:
    """Point an election at the cycle meeting (rembug) where it was held; the cycle app calls
    this, so institutions never depends on cycle."""
    _authorize(actor, election.bkm.village_id)
    before = election.meeting_id
    election.meeting_id = meeting_id
    _save(election)
    if before != meeting_id:
        record_event(
            actor=actor,
            action="institutions.election_meeting_linked",
            obj=election,
            changes={"meeting_id": [before, meeting_id]},
        )
    return election


# UP-UP ----------------------------------------------------------------------------------------


@transaction.atomic
def up_unit_create(
    *, actor: Actor, village: Region, kind: str, formed_on: dt.date | None = None
) -> UPUnit:
    """Form one of the BKM's units (UPK, UPL, UPS); each exists once per village."""
    _require_village(village)
    _authorize(actor, village.code)
    unit = UPUnit(village=village, kind=kind, formed_on=formed_on)
    _save(unit)
    _record_added(actor, "institutions.up_unit_created", unit, ["kind", "formed_on"])
    return unit


@transaction.atomic
def up_staff_add(
    *,
    actor: Actor,
    unit: UPUnit,
    person: Person,
    position: str,
    since: dt.date | None = None,
) -> UPStaff:
    _authorize(actor, unit.village_id)
    staff = UPStaff(unit=unit, person=person, position=position.strip(), since=since)
    _save(staff)
    _record_added(actor, "institutions.up_staff_added", staff, ["person", "position", "since"])
    return staff


@transaction.atomic
def up_staff_remove(*, actor: Actor, staff: UPStaff) -> None:
    _remove_member(actor, "institutions.up_staff_removed", staff, staff.unit.village_id)


# TIPP -----------------------------------------------------------------------------------------

TIPP_FIELDS = ["formed_on", "confirmed_by_bkm_on", "confirmed_by_lurah_on"]


@transaction.atomic
def tipp_save(
    *,
    actor: Actor,
    village: Region,
    formed_on: dt.date | None = None,
    confirmed_by_bkm_on: dt.date | None = None,
    confirmed_by_lurah_on: dt.date | None = None,
) -> TIPP:
    """Create the village's TIPP or record its dates, including its confirmation by the BKM and
    by the Lurah / Kepala Desa."""
    _require_village(village)
    _authorize(actor, village.code)
    tipp = TIPP.objects.select_for_update().filter(village=village).first() or TIPP(village=village)
    before = snapshot(tipp, TIPP_FIELDS) if tipp.pk else {}
    tipp.formed_on = formed_on
    tipp.confirmed_by_bkm_on = confirmed_by_bkm_on
    tipp.confirmed_by_lurah_on = confirmed_by_lurah_on
    _save(tipp)
    changes = diff(before, snapshot(tipp, TIPP_FIELDS))
    if changes or not before:
        record_event(actor=actor, action="institutions.tipp_saved", obj=tipp, changes=changes)
    return tipp


@transaction.atomic
def tipp_member_add(
    *, actor: Actor, tipp: TIPP, person: Person, group: str, role: str = ""
) -> TIPPMember:
    _authorize(actor, tipp.village_id)
    member = TIPPMember(tipp=tipp, person=person, group=group, role=role.strip())
    _save(member)
    _record_added(actor, "institutions.tipp_member_added", member, ["person", "group", "role"])
    return member


@transaction.atomic
def tipp_member_remove(*, actor: Actor, member: TIPPMember) -> None:
    _remove_member(actor, "institutions.tipp_member_removed", member, member.tipp.village_id)


# Pokja ----------------------------------------------------------------------------------------


@transaction.atomic
def pokja_create(*, actor: Actor, village: Region, name: str, aspect: str) -> Pokja:
    _require_village(village)
    _authorize(actor, village.code)
    pokja = Pokja(village=village, name=name.strip(), aspect=aspect)
    _save(pokja)
    _record_added(actor, "institutions.pokja_created", pokja, ["name", "aspect"])
    return pokja


@transaction.atomic
def pokja_member_add(*, actor: Actor, pokja: Pokja, person: Person, role: str = "") -> PokjaMember:
    _authorize(actor, pokja.village_id)
    member = PokjaMember(pokja=pokja, person=person, role=role.strip())
    _save(member)
    _record_added(actor, "institutions.pokja_member_added", member, ["person", "role"])
    return member


@transaction.atomic
def pokja_member_remove(*, actor: Actor, member: PokjaMember) -> None:
    _remove_member(actor, "institutions.pokja_member_removed", member, member.pokja.village_id)


# KSM ------------------------------------------------------------------------------------------


def _distinct(people: Iterable[Person]) -> list[Person]:
    return list({person.pk: person for person in people}.values())


def _too_few_members(count: int) -> DomainError:
    return DomainError(
        _("KSM harus beranggota sedikitnya %(minimum)s orang; yang dipilih baru %(count)s orang.")
        % {"minimum": KSM_MIN_MEMBERS, "count": count},
        code=InstitutionError.KSM_TOO_FEW_MEMBERS,
    )


def _leader_not_member(leader: Person) -> DomainError:
    return DomainError(
        _("Ketua KSM (%(person)s) harus salah satu anggotanya.") % {"person": leader.name},
        code=InstitutionError.KSM_LEADER_NOT_MEMBER,
    )


@transaction.atomic
def ksm_create(
    *,
    actor: Actor,
    village: Region,
    name: str,
    members: Sequence[Person],
    activity: str = "",
    leader: Person | None = None,
    formed_on: dt.date | None = None,
) -> KSM:
    """Form a KSM together with its members: at least three, or nothing is written."""
    _require_village(village)
    _authorize(actor, village.code)
    people = _distinct(members)
    if len(people) < KSM_MIN_MEMBERS:
        raise _too_few_members(len(people))
    if leader is not None and leader.pk not in {person.pk for person in people}:
        raise _leader_not_member(leader)
    ksm = KSM(
        village=village,
        name=name.strip(),
        activity=activity.strip(),
        leader=leader,
        formed_on=formed_on,
    )
    _save(ksm)
    for person in people:
        _save(KSMMember(ksm=ksm, person=person))
    record_event(
        actor=actor,
        action="institutions.ksm_created",
        obj=ksm,
        changes={
            "name": [None, ksm.name],
            "leader": [None, ksm.leader_id],
            "members": [None, [person.pk for person in people]],
        },
    )
    return ksm


@transaction.atomic
def ksm_update(
    *,
    actor: Actor,
    ksm: KSM,
    name: str,
    activity: str,
    leader: Person | None,
    formed_on: dt.date | None,
) -> KSM:
    _authorize(actor, ksm.village_id)
    ksm = KSM.objects.select_for_update().get(pk=ksm.pk)
    if leader is not None and not ksm.members.filter(person=leader).exists():
        raise _leader_not_member(leader)
    fields = ["name", "activity", "leader", "formed_on"]
    before = snapshot(ksm, fields)
    ksm.name, ksm.activity, ksm.leader, ksm.formed_on = name.strip(), activity, leader, formed_on
    _save(ksm)
    changes = diff(before, snapshot(ksm, fields))
    if changes:
        record_event(actor=actor, action="institutions.ksm_updated", obj=ksm, changes=changes)
    return ksm


@transaction.atomic
def ksm_member_add(*, actor: Actor, ksm: KSM, person: Person) -> KSMMember:
    _authorize(actor, ksm.village_id)
    member = KSMMember(ksm=ksm, person=person)
    _save(member)
    _record_added(actor, "institutions.ksm_member_added", member, ["person"])
    return member


@transaction.atomic
def ksm_member_remove(*, actor: Actor, member: KSMMember) -> None:
    """Take a member out of a KSM, unless that would leave it with fewer than three."""
    _authorize(actor, member.ksm.village_id)
    # Lock the KSM so that two removals at once cannot both pass the count below.
    ksm = KSM.objects.select_for_update().get(pk=member.ksm_id)
    remaining = ksm.members.exclude(pk=member.pk).count()
    if remaining < KSM_MIN_MEMBERS:
        raise DomainError(
            _(
                "%(person)s tidak dapat dikeluarkan: %(ksm)s akan tinggal %(count)s anggota, "
                "padahal KSM harus beranggota sedikitnya %(minimum)s orang."
            )
            % {
                "person": member.person.name,
                "ksm": ksm.name,
                "count": remaining,
                "minimum": KSM_MIN_MEMBERS,
            },
            code=InstitutionError.KSM_TOO_FEW_MEMBERS,
        )
    if ksm.leader_id == member.person_id:
        raise DomainError(
            _("%(person)s adalah ketua %(ksm)s: tunjuk ketua lain dahulu.")
            % {"person": member.person.name, "ksm": ksm.name},
            code=InstitutionError.KSM_LEADER_CANNOT_LEAVE,
        )
    _remove_member(actor, "institutions.ksm_member_removed", member, ksm.village_id)


# KPP ------------------------------------------------------------------------------------------


@transaction.atomic
def kpp_create(
    *,
    actor: Actor,
    village: Region,
    name: str,
    assets: str = "",
    formed_on: dt.date | None = None,
    members: Sequence[Person] = (),
) -> KPP:
    """Form the group that will use and maintain what was built, with its first members."""
    _require_village(village)
    _authorize(actor, village.code)
    kpp = KPP(village=village, name=name.strip(), assets=assets.strip(), formed_on=formed_on)
    _save(kpp)
    people = _distinct(members)
    for person in people:
        _save(KPPMember(kpp=kpp, person=person))
    record_event(
        actor=actor,
        action="institutions.kpp_created",
        obj=kpp,
        changes={"name": [None, kpp.name], "members": [None, [person.pk for person in people]]},
    )
    return kpp


@transaction.atomic
def kpp_update(*, actor: Actor, kpp: KPP, name: str, assets: str, formed_on: dt.date | None) -> KPP:
    _authorize(actor, kpp.village_id)
    kpp = KPP.objects.select_for_update().get(pk=kpp.pk)
    fields = ["name", "assets", "formed_on"]
    before = snapshot(kpp, fields)
    kpp.name, kpp.assets, kpp.formed_on = name.strip(), assets.strip(), formed_on
    _save(kpp)
    changes = diff(before, snapshot(kpp, fields))
    if changes:
        record_event(actor=actor, action="institutions.kpp_updated", obj=kpp, changes=changes)
    return kpp


@transaction.atomic
def kpp_member_add(*, actor: Actor, kpp: KPP, person: Person, role: str = "") -> KPPMember:
    _authorize(actor, kpp.village_id)
    member = KPPMember(kpp=kpp, person=person, role=role.strip())
    _save(member)
    _record_added(actor, "institutions.kpp_member_added", member, ["person", "role"])
    return member


@transaction.atomic
def kpp_member_remove(*, actor: Actor, member: KPPMember) -> None:
    _remove_member(actor, "institutions.kpp_member_removed", member, member.kpp.village_id)
