"""Reads of KSM proposals, their activities, cash plans (RPD), releases and price surveys, and
the programs an allocation may be created under."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from tridaya.finance.models import (
    Allocation,
    AllocationStatus,
    PriceSurvey,
    Proposal,
    ProposalActivity,
    SchemeKind,
)
from tridaya.regions.models import Region


def program_choices() -> list[tuple[str, str]]:
    """(code, name) of every program whose scheme file ships (newest version; read from the
    files, so a program not yet used is offered too; no query)."""
    from tridaya.core.definitions import read_definitions
    from tridaya.finance.definitions import CHECKS, FOLDERS, SCHEMES_DIR, SchemeInvalid

    newest: dict[str, tuple[int, str]] = {}
    kind = SchemeKind.PROGRAM
    for d in read_definitions(SCHEMES_DIR / FOLDERS[kind], check=CHECKS[kind], error=SchemeInvalid):
        if d.code not in newest or d.version > newest[d.code][0]:
            newest[d.code] = (d.version, d.data.get("name", d.code))
    return [(code, name) for code, (_version, name) in sorted(newest.items())]


def active_allocations(village: Region) -> QuerySet[Allocation]:
    return (
        Allocation.objects.filter(village=village, status=AllocationStatus.ACTIVE)
        .select_related("scheme")
        .order_by("-budget_year", "id")
    )


def proposals_of(village: Region) -> QuerySet[Proposal]:
    """The village's KSM proposals with their KSM, allocation and activities (2 queries)."""
    return (
        Proposal.objects.filter(village=village)
        .select_related("ksm", "allocation__scheme")
        .prefetch_related("activities")
        .order_by("-proposed_on", "-id")
    )


def proposal_detail(village: Region, proposal_id: int) -> Proposal | None:
    """One proposal with its activities, their cash plans, releases and price surveys."""
    return (
        Proposal.objects.filter(village=village, pk=proposal_id)
        .select_related("ksm", "allocation__scheme", "allocation__ksm_scheme")
        .prefetch_related(
            Prefetch(
                "activities",
                queryset=ProposalActivity.objects.order_by("id").prefetch_related(
                    "cash_plan",
                    "releases",
                    Prefetch(
                        "price_surveys",
                        queryset=PriceSurvey.objects.order_by(
                            "-surveyed_on", "-id"
                        ).prefetch_related("quotes"),
                    ),
                ),
            )
        )
        .first()
    )
