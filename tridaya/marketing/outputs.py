"""Gate outputs of the cycle's marketing steps (registered with tridaya.cycle.gates):
"Strategi pemasaran" needs a published prospectus; "Komitmen pendanaan" needs at least
TRIDAYA_MARKETING_MIN_COMMITMENTS partner commitments, or BLM, swadaya and commitments covering
TRIDAYA_MARKETING_MIN_COVERAGE_PCT of the legalised plans' cost (the gap selector's figures)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from tridaya.core.dates import format_date_id
from tridaya.core.formats import format_percent
from tridaya.cycle.gates import register_output
from tridaya.marketing import selectors

PROSPECTUS_PUBLISHED = "marketing_prospectus_published"
FUNDING_COMMITTED = "marketing_funding_committed"


def _pct(part: int, whole: int) -> str:
    return format_percent(Decimal(part) * 100 / Decimal(whole) if whole else 0)


def prospectus_published(step) -> tuple[bool, str]:
    village = step.cycle.village_id
    prospectus = selectors.published_prospectus(village)
    if prospectus is None:
        return False, _("Belum ada prospektus yang diterbitkan dari rencana yang disahkan.")
    # prospectus_publish sets the date with the state; unpublishing clears both.
    assert prospectus.published_on is not None
    return True, _("Prospektus %(plan)s diterbitkan pada %(date)s.") % {
        "plan": prospectus.version.plan.title,
        "date": format_date_id(prospectus.published_on),
    }


def funding_committed(step) -> tuple[bool, str]:
    village = step.cycle.village_id
    needed = settings.TRIDAYA_MARKETING_MIN_COMMITMENTS
    share = Decimal(settings.TRIDAYA_MARKETING_MIN_COVERAGE_PCT)
    count = selectors.commitments_count(village)
    totals = selectors.funding_gaps(village).totals
    cost, funded = totals["cost"], totals["funded"]
    covered = cost > 0 and Decimal(funded) * 100 >= share * cost
    facts = {
        "count": count,
        "needed": needed,
        "pct": _pct(funded, cost),
        "share": format_percent(share),
    }
    if count >= needed or covered:
        return True, _(
            "%(count)s komitmen mitra (syarat %(needed)s); rencana tertutup %(pct)s "
            "(syarat %(share)s)."
        ) % facts
    return False, _(
        "Baru %(count)s komitmen mitra dari %(needed)s yang disyaratkan, dan rencana baru "
        "tertutup %(pct)s dari %(share)s."
    ) % facts


def register_marketing_outputs() -> None:
    register_output(PROSPECTUS_PUBLISHED, _("Prospektus diterbitkan"), prospectus_published)
    register_output(FUNDING_COMMITTED, _("Komitmen pendanaan cukup"), funding_committed)
