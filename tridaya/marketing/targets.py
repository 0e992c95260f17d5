"""What a pledge funds: an activity of a legalised RTPLP or a row of a legalised RPLP's
investment plan. Both are read here into one shape, from the objects planning's selectors
return (attributes only, no queries beyond what the selector loaded)."""

from __future__ import annotations

from dataclasses import dataclass

from tridaya.marketing.funding import Funding

LEGALISED = "sah"
SUPERSEDED = "diganti"


@dataclass(frozen=True)
class Target:
    key: str  # "activity-12" or "row-7"
    kind: str  # "activity" | "row"
    pk: int
    name: str
    domain: str
    sector: str
    year: int
    location: str
    cost: int
    blm: int
    swadaya: int
    village_id: str
    version_id: int
    version_state: str
    plan_id: int
    plan_kind: str
    plan_title: str
    kawasan_id: int | None
    kawasan_name: str
    years: tuple[int, ...]
    beneficiaries: tuple[int, int, int, int, int]  # people, women, mbr, households, poor hh
    detailed: bool = False  # an RPLP row detailed by a legalised RTPLP activity

    @property
    def is_legalised(self) -> bool:
        return self.version_state == LEGALISED

    def funding(self, committed: int = 0, pledged: int = 0) -> Funding:
        return Funding(self.cost, self.blm, self.swadaya, committed, pledged)


def _common(obj, version) -> dict:
    plan = version.plan
    return {
        "pk": obj.pk,
        "domain": obj.domain,
        "year": obj.year,
        "blm": max(0, obj.fund_blm),
        "swadaya": max(0, obj.fund_swadaya),
        "village_id": plan.village_id,
        "version_id": version.pk,
        "version_state": version.state,
        "plan_id": plan.pk,
        "plan_kind": plan.kind,
        "plan_title": plan.title,
        "kawasan_id": plan.kawasan_id,
        "kawasan_name": plan.kawasan.name if plan.kawasan_id else "",
        "years": tuple(version.years),
        "beneficiaries": (
            obj.people,
            obj.women,
            obj.mbr,
            obj.households,
            obj.poor_households,
        ),
    }


def of_activity(activity, version=None) -> Target:
    version = version or activity.version
    return Target(
        key=f"activity-{activity.pk}",
        kind="activity",
        name=activity.name,
        sector=activity.sector,
        location=activity.location,
        cost=activity.rab_total,
        **_common(activity, version),
    )


def of_row(row, version=None, *, detailed: bool = False) -> Target:
    version = version or row.version
    name = f"{row.component}: {row.detail}" if row.detail else row.component
    return Target(
        key=f"row-{row.pk}",
        kind="row",
        name=name,
        sector="",
        location=row.location,
        cost=row.cost,
        detailed=detailed,
        **_common(row, version),
    )


def of_pledge(pledge) -> Target:
    if pledge.activity_id:
        return of_activity(pledge.activity)
    return of_row(pledge.investment_row)
