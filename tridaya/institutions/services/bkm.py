"""The BKM, its members and its elections. Each service `x` is the step `_x` in a durable
transaction; `memberships` composes the steps to save the BKM with its member lines in one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.core.audit import diff, record_event, snapshot
from tridaya.core.errors import DomainError
from tridaya.institutions.errors import InstitutionError
from tridaya.institutions.models import (
    BKM,
    BKMMember,
    Election,
    ElectionCandidate,
    Person,
    default_term_end,
)
from tridaya.institutions.services.common import (
    Actor,
    _authorize,
    _record_added,
    _remove_member,
    _require_village,
    _save,
)
from tridaya.regions.models import Region


def _bkm_save(
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


bkm_save = transaction.atomic(durable=True)(_bkm_save)


def _bkm_member_add(
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


bkm_member_add = transaction.atomic(durable=True)(_bkm_member_add)


def _bkm_member_remove(*, actor: Actor, member: BKMMember) -> None:
    """Take back a seat recorded by mistake (the audit keeps the trace)."""
    _remove_member(actor, "institutions.bkm_member_removed", member, member.bkm.village_id)


bkm_member_remove = transaction.atomic(durable=True)(_bkm_member_remove)


@dataclass(frozen=True)
class CandidateVotes:
    person: Person
    votes: int
    elected: bool = False


@transaction.atomic(durable=True)
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


def _election_link_meeting(*, actor: Actor, election: Election, meeting_id: int | None) -> Election:
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


election_link_meeting = transaction.atomic(durable=True)(_election_link_meeting)
# For another app's service, inside its transaction (cycle's `meeting_link_election`).
election_link_meeting_nested = transaction.atomic(_election_link_meeting)
