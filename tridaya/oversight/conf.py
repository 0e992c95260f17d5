"""Settings of the complaint handling (PPM). The program has no written deadlines other than the
BPKP finding (4 days after the exit meeting, DOMAIN-implementation §5), so every deadline is a
setting: `TRIDAYA_PPM_DEADLINE_DAYS` maps a complaint class (and "belum" for a complaint not
classified yet, "bpkp" for an audit finding) to the days each handling level has to respond."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

DEFAULT_DEADLINE_DAYS = {"belum": 3, "informatif": 7, "masalah": 14, "bpkp": 4}
DEFAULT_REOPEN_DAYS = 14
DEFAULT_RATE = {"ip_per_hour": 5, "session_per_hour": 3, "lookups_per_hour": 30}
PHOTO_MAX_BYTES = 8 * 1024 * 1024
PHOTO_MAX_SIDE = 1600
PHOTOS_PER_COMPLAINT = 3


def deadline_days(klass: str) -> int:
    table = {**DEFAULT_DEADLINE_DAYS, **getattr(settings, "TRIDAYA_PPM_DEADLINE_DAYS", {})}
    return int(table.get(klass or "belum", table["belum"]))


def deadline_delta(klass: str) -> dt.timedelta:
    return dt.timedelta(days=deadline_days(klass))


def reopen_days() -> int:
    return int(getattr(settings, "TRIDAYA_PPM_REOPEN_DAYS", DEFAULT_REOPEN_DAYS))


def rate(name: str) -> int:
    return int({**DEFAULT_RATE, **getattr(settings, "TRIDAYA_PPM_RATE", {})}[name])
