"""Oversight's figures for the dashboards (registered from OversightConfig.ready()): complaints
received, open, overdue and resolved per village, from `complaint_stats_by_village` (the same
counting as every page's complaint statistics). A village with an overdue complaint is listed
among the villages that need attention."""

from __future__ import annotations

from collections.abc import Sequence


def _count(name: str):
    from tridaya.core.figures import shared
    from tridaya.oversight.selectors import complaint_stats_by_village

    def compute(codes: Sequence[str]) -> dict[str, int]:
        found = shared("oversight_complaints", codes, complaint_stats_by_village)
        return {code: getattr(counts, name) for code, counts in found.items()}

    return compute


def register_figures() -> None:
    from django.utils.translation import gettext_lazy

    from tridaya.core.figures import Figure, register

    unit = gettext_lazy("pengaduan")
    for order, (name, label, attention_at) in enumerate(
        [
            ("received", gettext_lazy("Pengaduan masuk"), None),
            ("open", gettext_lazy("Pengaduan terbuka"), None),
            ("overdue", gettext_lazy("Pengaduan lewat tenggat"), 1),
            ("resolved", gettext_lazy("Pengaduan selesai"), None),
        ],
        start=95,
    ):
        register(
            Figure(
                f"oversight_{name}",
                label,
                unit,
                _count(name),
                order=order,
                attention_at=attention_at,
            )
        )
