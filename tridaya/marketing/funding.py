"""Funding arithmetic of one activity, in whole rupiah, with no database: what it costs, what
BLM and swadaya bring, what partners have committed, and what is left (the gap). Money beyond the
cost is never hidden in the gap: it is shown separately as over-commitment."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class FundingStatus(models.TextChoices):
    FUNDED = "terdanai", _("Terdanai penuh")
    PARTLY = "sebagian", _("Terdanai sebagian")
    UNFUNDED = "belum", _("Belum terdanai")


@dataclass(frozen=True)
class Funding:
    cost: int
    blm: int = 0
    swadaya: int = 0
    committed: int = 0  # commitments and realisations of partners
    pledged: int = 0  # pledges not yet committed (shown, never counted)

    def __post_init__(self) -> None:
        for name in ("cost", "blm", "swadaya", "committed", "pledged"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"{name} must be a non-negative whole rupiah amount")

    @property
    def brought(self) -> int:
        """Everything counted, even beyond the cost."""
        return self.blm + self.swadaya + self.committed

    @property
    def funded(self) -> int:
        return min(self.brought, self.cost)

    @property
    def gap(self) -> int:
        return self.cost - self.funded

    @property
    def over(self) -> int:
        return max(0, self.brought - self.cost)

    @property
    def status(self) -> str:
        if self.gap == 0:
            return FundingStatus.FUNDED
        if self.funded == 0:
            return FundingStatus.UNFUNDED
        return FundingStatus.PARTLY

    def with_commitment(self, amount: int) -> Funding:
        return Funding(self.cost, self.blm, self.swadaya, self.committed + amount, self.pledged)


def would_over_commit(current: Funding, amount: int) -> bool:
    """Would counting `amount` more take the activity beyond its cost?"""
    return current.with_commitment(amount).brought > current.cost


def add(totals: dict[str, int], funding: Funding) -> None:
    for name in ("cost", "blm", "swadaya", "committed", "pledged", "funded", "gap", "over"):
        totals[name] = totals.get(name, 0) + getattr(funding, name)
