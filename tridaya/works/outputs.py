"""What works offers earlier apps through their registries (filled from WorksConfig.ready())."""

from __future__ import annotations


def register_outputs() -> None:
    from tridaya.finance.registry import register_progress_provider
    from tridaya.works.selectors import approved_progress

    # Tranche conditions on physical progress read approved progress from here.
    register_progress_provider(approved_progress)
