"""Money per legalised RTPLP activity, for apps that follow the works (works' plan vs actual).

Read-only; added by the works branch in a file of its own so finance's other files stay as they
are. `released` is what went from the BKM bank to the KSM activity's advance; `spent` is what
left that advance again (purchases, wages), net of reversals."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Sum

from tridaya.finance.models import Account, KsmRelease, ProposalActivity, Purpose


@dataclass(frozen=True)
class ActivityMoney:
    plan_activity_id: int
    blm_amount: int = 0
    released: int = 0
    spent: int = 0


def money_of_plan_activities(
    village_code: str, plan_activity_ids: Iterable[int]
) -> dict[int, ActivityMoney]:
    """{plan activity id: ActivityMoney} for the village's KSM proposal activities made from
    those RTPLP activities (three queries whatever the number of activities)."""
    ids = list(plan_activity_ids)
    if not ids:
        return {}
    activities = list(
        ProposalActivity.objects.filter(
            proposal__village_id=village_code, plan_activity_id__in=ids
        ).values("id", "plan_activity_id", "blm_amount")
    )
    released = dict(
        KsmRelease.objects.filter(activity_id__in=[a["id"] for a in activities])
        .values("activity_id")
        .annotate(total=Sum("amount"))
        .values_list("activity_id", "total")
    )
    balances = dict(
        Account.objects.filter(
            village_id=village_code,
            purpose=Purpose.KSM_ADVANCE,
            activity_key__in=[f"a{a['id']}" for a in activities],
        ).values_list("activity_key", "balance")
    )
    result: dict[int, ActivityMoney] = {}
    for row in activities:
        got = int(released.get(row["id"], 0) or 0)
        left = int(balances.get(f"a{row['id']}", got) or 0)
        before = result.get(row["plan_activity_id"], ActivityMoney(row["plan_activity_id"]))
        result[row["plan_activity_id"]] = ActivityMoney(
            plan_activity_id=row["plan_activity_id"],
            blm_amount=before.blm_amount + int(row["blm_amount"]),
            released=before.released + got,
            spent=before.spent + max(got - left, 0),
        )
    return result
