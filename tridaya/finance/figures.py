"""Finance's figures for the dashboards (registered from FinanceConfig.ready()): BLM received,
money spent and swadaya, to the rupiah, from the ledger through `totals_by_village`."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone


def _total(name: str):
    from tridaya.core.figures import shared
    from tridaya.finance.selectors.books import totals_by_village

    def compute(codes: Sequence[str]) -> dict[str, int]:
        found = shared(
            "finance_totals", codes, lambda c: totals_by_village(c, timezone.localdate())
        )
        return {code: getattr(totals, name) for code, totals in found.items()}

    return compute


def register_figures() -> None:
    from django.utils.translation import gettext_lazy

    from tridaya.core.figures import Figure, register

    for order, (key, field, label, headline) in enumerate(
        [
            ("finance_received", "received", gettext_lazy("BLM diterima"), True),
            ("finance_spent", "spent", gettext_lazy("Dana dibelanjakan"), True),
            ("finance_swadaya", "swadaya", gettext_lazy("Swadaya masyarakat"), False),
        ],
        start=85,
    ):
        register(
            Figure(key, label, "Rp", _total(field), money=True, headline=headline, order=order)
        )
