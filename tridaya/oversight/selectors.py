"""Reads of the complaint handling: a complaint by its tracking code (the same NotFound for a
wrong code and an unknown one), the handlers' queue (overdue first), a handler's complaint page,
the statistics of a region and everything under it, and the handlers to e-mail."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise

from tridaya.core.errors import NotFound
from tridaya.core.policy import Viewer, visible
from tridaya.oversight import codes
from tridaya.oversight.models import (
    OPEN_STATUSES,
    Complaint,
    ComplaintStep,
    Level,
    MonitoringReport,
    Status,
)
from tridaya.regions.models import Region


def _under(code: str) -> Q:
    return Q(village__code=code) | Q(village__code__startswith=code + ".")


def complaint_by_code(text: str) -> Complaint:
    """What the complainant sees: the complaint with its public steps and photos. A malformed
    code and a well-formed unknown one raise the same NotFound."""
    code = codes.normalise(text)
    complaint = (
        Complaint.objects.filter(tracking_code=code or "-")
        .select_related("village")
        .prefetch_related(
            Prefetch(
                "steps", queryset=ComplaintStep.objects.filter(public=True), to_attr="public_steps"
            ),
            "photos",
        )
        .first()
    )
    if complaint is None:
        raise NotFound("complaint")
    return complaint


def queue(user: Viewer | None, region_code: str, *, open_only: bool = True) -> QuerySet[Complaint]:
    """The handlers' queue of a region: overdue first, then by deadline."""
    now = timezone.now()
    rows = visible(
        user,
        "oversight.view_complaints",
        Complaint.objects.filter(_under(region_code)),
        code_field="village__code",
    )
    if open_only:
        rows = rows.filter(status__in=OPEN_STATUSES)
    from django.db.models import BooleanField, Case, Value, When

    overdue = Case(
        When(Q(due_at__lte=now, status__in=OPEN_STATUSES), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    return (
        rows.select_related("village")
        .annotate(overdue=overdue)
        .order_by("-overdue", "due_at", "pk")
    )


def complaint_for_handler(village: Region, pk: int) -> Complaint:
    complaint = (
        Complaint.objects.filter(village=village, pk=pk)
        .select_related("village", "submitted_by")
        .prefetch_related(
            Prefetch("steps", queryset=ComplaintStep.objects.select_related("actor")), "photos"
        )
        .first()
    )
    if complaint is None:
        raise NotFound("complaint")
    complaint.village = village
    return complaint


@dataclass
class ComplaintStats:
    received: int = 0
    open: int = 0
    overdue: int = 0
    resolved: int = 0
    rejected: int = 0
    median_days: float | None = None
    by_class: dict = field(default_factory=dict)
    by_scope: dict = field(default_factory=dict)
    by_field: dict = field(default_factory=dict)
    by_level: dict = field(default_factory=dict)


def complaint_stats(region_code: str, *, now: dt.datetime | None = None) -> ComplaintStats:
    """Figures of a village or any region above it, in one query: received, open, overdue,
    resolved, rejected, the median days from receipt to closing, and counts by class, scope,
    field and the level now handling the open ones."""
    now = now or timezone.now()
    rows = Complaint.objects.filter(_under(region_code)).values_list(
        "status", "due_at", "received_at", "closed_at", "klass", "scope", "field", "level"
    )
    stats = ComplaintStats()
    days: list[float] = []
    by_class: Counter[str] = Counter()
    by_scope: Counter[str] = Counter()
    by_field: Counter[str] = Counter()
    by_level: Counter[str | Promise] = Counter()  # keyed by the levels' (lazy) labels
    for status, due_at, received_at, closed_at, klass, scope, fld, level in rows:
        stats.received += 1
        by_class[klass or "belum"] += 1
        by_scope[scope or "belum"] += 1
        by_field[fld or "belum"] += 1
        if status in OPEN_STATUSES:
            stats.open += 1
            by_level[Level(level).label] += 1
            stats.overdue += due_at <= now
        else:
            stats.resolved += status == Status.RESOLVED
            stats.rejected += status == Status.REJECTED
            if closed_at is None:  # not open, so closed by complaint_close, which sets closed_at
                raise TypeError("a closed complaint has no closing time")
            days.append((closed_at - received_at).total_seconds() / 86400)
    stats.median_days = round(statistics.median(days), 1) if days else None
    stats.by_class, stats.by_scope, stats.by_field = dict(by_class), dict(by_scope), dict(by_field)
    stats.by_level = dict(by_level)
    return stats


@dataclass(frozen=True)
class ComplaintCounts:
    received: int
    open: int
    overdue: int
    resolved: int


def complaint_counts_by_village(
    village_codes: Sequence[str], *, now: dt.datetime | None = None
) -> dict[str, ComplaintCounts]:
    """One query: received, open, overdue (open past the deadline at `now`) and resolved
    complaints of each village in `village_codes` that has any (the dashboards' figures)."""
    now = now or timezone.now()
    still_open = Q(status__in=OPEN_STATUSES)
    rows = (
        Complaint.objects.filter(village_id__in=list(village_codes))
        .values("village_id")
        .annotate(
            received=Count("id"),
            open=Count("id", filter=still_open),
            overdue=Count("id", filter=still_open & Q(due_at__lte=now)),
            resolved=Count("id", filter=Q(status=Status.RESOLVED)),
        )
        .order_by()
    )
    return {
        r["village_id"]: ComplaintCounts(r["received"], r["open"], r["overdue"], r["resolved"])
        for r in rows
    }


def public_answers(region_code: str, limit: int = 20) -> list[dict]:
    """Answered complaints of a region for public pages: class, status, dates and the public
    answer only (never the complainant, the contact or the complaint's own text)."""
    rows = (
        Complaint.objects.filter(_under(region_code))
        .exclude(public_answer="")
        .order_by("-received_at")
        .values(
            "tracking_code",
            "klass",
            "scope",
            "field",
            "status",
            "received_at",
            "closed_at",
            "public_answer",
        )[:limit]
    )
    return [{**row, "tracking_code": codes.display(row["tracking_code"])} for row in rows]


def handler_emails(complaint: Complaint) -> list[str]:
    """E-mail addresses of the users holding the role of the complaint's current level over its
    village (through accounts' role assignments)."""
    from tridaya.accounts.models import RoleAssignment
    from tridaya.oversight.policy import LEVEL_ROLES

    code = complaint.region_code
    parts = code.split(".")
    scopes = [".".join(parts[:i]) for i in range(1, len(parts) + 1)]
    rows = (
        RoleAssignment.objects.filter(
            Q(region__code__in=scopes) | Q(region__isnull=True),
            role__in=LEVEL_ROLES[Level(complaint.level)],
            user__is_active=True,
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    return sorted(set(rows))


def monitoring_of(village: Region, package_id: int) -> list[MonitoringReport]:
    """A package's monitoring reports, newest first (one query; reporters are not shown)."""
    return list(
        MonitoringReport.objects.filter(village=village, package_id=package_id)
        .select_related("complaint")
        .order_by("-observed_on", "-pk")
    )
