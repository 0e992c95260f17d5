"""Helpers shared by the institutions services: village check, policy, save, member audit."""

from __future__ import annotations

from django.db.models import Model
from django.utils.translation import gettext as _

from tridaya.accounts.models import User
from tridaya.core.audit import record_event, snapshot
from tridaya.core.errors import DomainError
from tridaya.core.policy import authorize
from tridaya.institutions.errors import InstitutionError
from tridaya.institutions.policy import MANAGE
from tridaya.regions.models import Region

Actor = User | None


def _require_village(region: Region) -> None:
    if not region.is_village:
        raise DomainError(
            _("%(region)s bukan kelurahan/desa.") % {"region": region},
            code=InstitutionError.NOT_A_VILLAGE,
        )


def _authorize(actor: Actor, village_code: str) -> None:
    authorize(actor, MANAGE, village_code)


def _save(obj: Model) -> None:
    obj.full_clean()
    obj.save()


def _record_added(actor: Actor, action: str, member: Model, fields: list[str]) -> None:
    changes = {name: [None, value] for name, value in snapshot(member, fields).items()}
    record_event(actor=actor, action=action, obj=member, changes=changes)


def _remove_member(actor: Actor, action: str, member: Model, village_code: str) -> None:
    _authorize(actor, village_code)
    record_event(
        actor=actor,
        action=action,
        obj=member,
        changes={"person": [getattr(member, "person_id"), None]},  # noqa: B009  (every member)
        region_code=village_code,
    )
    member.delete()
