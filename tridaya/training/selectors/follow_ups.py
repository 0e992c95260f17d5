"""Reads of a training's follow-up plan (RKTL)."""

from __future__ import annotations

from tridaya.training.models import (
    FollowUpAction,
    Training,
)


def follow_ups_of(training: Training) -> list[FollowUpAction]:
    return list(training.follow_ups.order_by("due_on", "id"))
