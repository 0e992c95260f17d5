"""The one place works reads money: finance's selectors and services (finance is earlier in the
dependency order)."""

from __future__ import annotations

from tridaya.finance.selectors.activities import ActivityMoney, money_of_plan_activities

__all__ = ["ActivityMoney", "money_of_plan_activities", "record_swadaya"]


def record_swadaya(*, village, form: str, date, description: str, key: str, **amounts):
    """Post a swadaya voucher through finance's service as the system (the works service has
    already checked who may report); idempotent by `key`."""
    from tridaya.finance.services.swadaya import SwadayaInput, swadaya_record_nested

    return swadaya_record_nested(
        actor=None,
        village=village,
        data=SwadayaInput(form=form, date=date, description=description, **amounts),
        idempotency_key=key,
    )
