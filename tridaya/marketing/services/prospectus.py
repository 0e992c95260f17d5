"""The prospectus of a legalised plan: drafted from the plan, published for partners (the
cycle's "Strategi pemasaran" output), withdrawn back to a draft with a reason."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.accounts.models import User
from tridaya.core.audit import record_event
from tridaya.core.errors import DomainError
from tridaya.core.policy import authorize
from tridaya.marketing import policy
from tridaya.marketing.errors import MarketingError
from tridaya.marketing.models import Prospectus, ProspectusState
from tridaya.marketing.services import require_reason

if TYPE_CHECKING:
    from tridaya.planning.models import PlanVersion

LEGALISED = "sah"


@transaction.atomic(durable=True)
def prospectus_create(
    *, actor: User | None, version: PlanVersion, introduction: str = ""
) -> Prospectus:
    """Draft the prospectus of a legalised RPLP or RTPLP version."""
    village = version.plan.village
    authorize(actor, policy.PUBLISH, village)
    if version.state != LEGALISED:
        raise DomainError(
            _("%(plan)s versi %(n)s belum disahkan; prospektus dibuat dari rencana yang sah.")
            % {"plan": version.plan.title, "n": version.number},
            code=MarketingError.PLAN_NOT_LEGALISED,
        )
    if Prospectus.objects.filter(version=version).exists():
        raise DomainError(
            _("Prospektus %(plan)s versi %(n)s sudah ada.")
            % {"plan": version.plan.title, "n": version.number},
            code=MarketingError.PROSPECTUS_EXISTS,
        )
    prospectus = Prospectus(
        version=version, village_id=version.plan.village_id, introduction=introduction.strip()
    )
    prospectus.full_clean()
    prospectus.save()
    record_event(
        actor=actor,
        action="marketing.prospectus_created",
        obj=prospectus,
        changes={"version": [None, version.pk]},
    )
    return prospectus


def _locked(prospectus: Prospectus) -> Prospectus:
    return Prospectus.objects.select_for_update().get(pk=prospectus.pk)


@transaction.atomic(durable=True)
def prospectus_publish(
    *,
    actor: User | None,
    prospectus: Prospectus,
    introduction: str | None = None,
    on: dt.date | None = None,
) -> Prospectus:
    authorize(actor, policy.PUBLISH, prospectus)
    prospectus = _locked(prospectus)
    if prospectus.state != ProspectusState.DRAFT:
        raise DomainError(
            _("Prospektus ini sudah diterbitkan."), code=MarketingError.PROSPECTUS_STATE
        )
    if introduction is not None:
        prospectus.introduction = introduction.strip()
    prospectus.state = ProspectusState.PUBLISHED
    prospectus.published_on = on or timezone.localdate()
    prospectus.published_by = actor if actor is not None and actor.is_authenticated else None
    prospectus.full_clean()
    prospectus.save()
    record_event(
        actor=actor,
        action="marketing.prospectus_published",
        obj=prospectus,
        changes={
            "state": [ProspectusState.DRAFT, ProspectusState.PUBLISHED],
            "published_on": [None, prospectus.published_on.isoformat()],
        },
    )
    return prospectus


@transaction.atomic(durable=True)
def prospectus_unpublish(*, actor: User | None, prospectus: Prospectus, reason: str) -> Prospectus:
    authorize(actor, policy.PUBLISH, prospectus)
    prospectus = _locked(prospectus)
    if prospectus.state != ProspectusState.PUBLISHED:
        raise DomainError(
            _("Prospektus ini belum diterbitkan."), code=MarketingError.PROSPECTUS_STATE
        )
    text = require_reason(reason, field="reason", label=_("Alasan menarik prospektus"))
    prospectus.state = ProspectusState.DRAFT
    prospectus.published_on = None
    prospectus.save()
    record_event(
        actor=actor,
        action="marketing.prospectus_unpublished",
        obj=prospectus,
        changes={
            "state": [ProspectusState.PUBLISHED, ProspectusState.DRAFT],
            "reason": [None, text],
        },
    )
    return prospectus
