"""Collaboration forums (forum kolaborasi, FKA BKM) at village, kecamatan or city level, each
held as a cycle meeting (its attendance by sex and its decisions are the meeting's) in a village
of the forum's region. The pledges a forum produced are those recorded with its meeting."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.accounts.models import User
from tridaya.core.audit import record_event
from tridaya.core.errors import DomainError
from tridaya.core.policy import authorize
from tridaya.cycle.models import Meeting
from tridaya.marketing import policy
from tridaya.marketing.errors import MarketingError
from tridaya.marketing.models import FORUM_LEVEL_OF_REGION, Forum
from tridaya.regions.models import Region


@transaction.atomic(durable=True)
def forum_record(
    *,
    actor: User | None,
    region: Region,
    kind: str,
    meeting: Meeting,
    bkm_members: int = 0,
    functioning: bool = True,
    notes: str = "",
) -> Forum:
    authorize(actor, policy.MANAGE_FORUMS, region)
    level = FORUM_LEVEL_OF_REGION.get(region.level)
    if level is None:
        raise DomainError(
            _("Forum diadakan di tingkat kelurahan/desa, kecamatan atau kabupaten/kota."),
            code=MarketingError.FORUM_LEVEL,
        )
    inside = meeting.village_id == region.code or meeting.village_id.startswith(region.code + ".")
    if not inside:
        raise DomainError(
            _("Pertemuan %(meeting)s diadakan di luar %(region)s.")
            % {"meeting": meeting, "region": region},
            code=MarketingError.FORUM_MEETING,
            field="meeting",
        )
    if Forum.objects.filter(meeting=meeting).exists():
        raise DomainError(
            _("Pertemuan itu sudah dicatat sebagai forum."),
            code=MarketingError.FORUM_EXISTS,
            field="meeting",
        )
    forum = Forum(
        region=region,
        level=level,
        kind=kind,
        meeting=meeting,
        bkm_members=bkm_members,
        functioning=functioning,
        notes=notes.strip(),
    )
    forum.full_clean()
    forum.save()
    record_event(
        actor=actor,
        action="marketing.forum_recorded",
        obj=forum,
        changes={"level": [None, level], "kind": [None, kind], "meeting": [None, meeting.pk]},
    )
    return forum
