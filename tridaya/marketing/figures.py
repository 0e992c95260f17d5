"""Marketing's figures for the dashboards (registered from MarketingConfig.ready()): money of
other funders committed and realised per village, from one selector."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q, Sum

from tridaya.marketing.models import COUNTED_STATES, Pledge, PledgeState


def partner_money_by_village(codes: Sequence[str]) -> dict[str, tuple[int, int]]:
    """One query: (committed, realised) rupiah of other funders for each village in `codes` that
    has some, counted as marketing's roll-up counts them (committed pledges by their amount,
    realised ones by what was realised)."""
    rows = (
        Pledge.objects.filter(
            village_id__in=list(codes),
            state__in=COUNTED_STATES,
        )
        .values("village_id")
        .annotate(
            committed=Sum("amount", filter=Q(state=PledgeState.COMMITTED)),
            realised=Sum("realised_amount", filter=Q(state=PledgeState.REALISED)),
        )
        .order_by()
    )
    return {r["village_id"]: (int(r["committed"] or 0), int(r["realised"] or 0)) for r in rows}


def _part(index: int):
    from tridaya.core.figures import shared

    def compute(codes: Sequence[str]) -> dict[str, int]:
        found = shared("marketing_partner_money", codes, partner_money_by_village)
        return {code: pair[index] for code, pair in found.items()}

    return compute


def register_figures() -> None:
    from django.utils.translation import gettext_lazy

    from tridaya.core.figures import Figure, register

    register(
        Figure(
            "marketing_committed",
            gettext_lazy("Komitmen mitra (belum terealisasi)"),
            "Rp",
            _part(0),
            money=True,
            order=80,
        )
    )
    register(
        Figure(
            "marketing_realised",
            gettext_lazy("Dana mitra terealisasi"),
            "Rp",
            _part(1),
            money=True,
            order=81,
        )
    )
