"""Reads of the complaint handling: a complaint by its tracking code (the same NotFound for a
wrong code and an unknown one), the handlers' queue (overdue first), a handler's complaint page,
the statistics of a region and everything under it, and the handlers to e-mail."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tridaya.core.choices import TridayaDomain
from tridaya.core.errors import NotFound
from tridaya.core.policy import Viewer, visible
from tridaya.oversight import codes
from tridaya.oversight.models import (
    OPEN_STATUSES,
    Complaint,
    ComplaintStep,
    Kind,
    Klass,
    Level,
    MonitoringReport,
    Scope,
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


UNCLASSIFIED = "belum"  # the key of complaints the handler has not classified yet


@dataclass
class ComplaintCounts:
    """Received, open (still handled), overdue (open past the deadline), resolved, rejected and
    the median days from receipt to closing of a set of complaints."""

    received: int = 0
    open: int = 0
    overdue: int = 0
    resolved: int = 0
    rejected: int = 0
    median_days: float | None = None
    days: list[float] = field(default_factory=list, repr=False, compare=False)

    def add(self, status: str, overdue: bool, days: float | None) -> None:
        self.received += 1
        if status in OPEN_STATUSES:
            self.open += 1
            self.overdue += overdue
        else:
            self.resolved += status == Status.RESOLVED
            self.rejected += status == Status.REJECTED
            if days is not None:  # always, for a closed complaint
                self.days.append(days)

    def finish(self) -> None:
        self.median_days = round(statistics.median(self.days), 1) if self.days else None


@dataclass
class BreakdownRow:
    """One class, scope or field of a breakdown with its counts (`key` UNCLASSIFIED for the
    complaints not classified yet)."""

    key: str
    label: str | Promise
    counts: ComplaintCounts


# The breakdowns' rows in display order: (key, label). The class row of an informatif complaint
# is its kind (pertanyaan/saran/kritik); "informatif" alone only when the kind is missing.
CLASS_ROWS: list[tuple[str, str | Promise]] = [
    (Kind.QUESTION.value, _("Informatif: pertanyaan")),
    (Kind.SUGGESTION.value, _("Informatif: saran")),
    (Kind.CRITICISM.value, _("Informatif: kritik")),
    (Klass.INFORMATIF.value, _("Informatif: jenis belum diisi")),
    (Klass.MASALAH.value, Klass.MASALAH.label),
]
SCOPE_ROWS: list[tuple[str, str | Promise]] = list(Scope.choices)
FIELD_ROWS: list[tuple[str, str | Promise]] = list(TridayaDomain.choices)
UNCLASSIFIED_LABEL = _("Belum diklasifikasi")
OPTIONAL_ROWS = {Klass.INFORMATIF.value}  # shown only when some complaint falls in them


@dataclass
class ComplaintStats(ComplaintCounts):
    """The counts of a village or region, and the same counts by class, scope and field (each
    breakdown sums to the total: unclassified complaints have their own row) and the open ones
    by the level now handling them."""

    by_class: list[BreakdownRow] = field(default_factory=list)
    by_scope: list[BreakdownRow] = field(default_factory=list)
    by_field: list[BreakdownRow] = field(default_factory=list)
    by_level: dict = field(default_factory=dict)

    @property
    def breakdowns(self) -> list[tuple[str, str | Promise, list[BreakdownRow]]]:
        """(key, title, rows) of the three breakdowns, for pages and downloads."""
        return [
            ("kelas", _("Kelas"), self.by_class),
            ("lingkup", _("Lingkup"), self.by_scope),
            ("bidang", _("Bidang"), self.by_field),
        ]


_STAT_COLUMNS = ("status", "due_at", "received_at", "closed_at", "klass", "kind", "scope", "field")


def _class_key(klass: str, kind: str) -> str:
    if klass == Klass.INFORMATIF:
        return kind or Klass.INFORMATIF
    return klass or UNCLASSIFIED


def _rows(
    spec: list[tuple[str, str | Promise]], found: dict[str, ComplaintCounts]
) -> list[BreakdownRow]:
    rows = [
        BreakdownRow(key, label, found.get(key, ComplaintCounts()))
        for key, label in spec
        if key not in OPTIONAL_ROWS or key in found
    ]
    rows.append(
        BreakdownRow(UNCLASSIFIED, UNCLASSIFIED_LABEL, found.get(UNCLASSIFIED, ComplaintCounts()))
    )
    for row in rows:
        row.counts.finish()
    return rows


class _Tally:
    """The statistics of a set of complaints, row by row."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now
        self.stats = ComplaintStats()
        self.groups: tuple[dict[str, ComplaintCounts], ...] = ({}, {}, {})
        self.levels: Counter[str | Promise] = Counter()  # keyed by the levels' (lazy) labels

    def add(
        self,
        status: str,
        due_at: dt.datetime,
        received_at: dt.datetime,
        closed_at: dt.datetime | None,
        klass: str,
        kind: str,
        scope: str,
        fld: str,
        level: int,
    ) -> None:
        is_open = status in OPEN_STATUSES
        if not is_open and closed_at is None:  # closed by complaint_close, which sets closed_at
            raise TypeError("a closed complaint has no closing time")
        days = None if closed_at is None else (closed_at - received_at).total_seconds() / 86400
        overdue = is_open and due_at <= self.now
        self.stats.add(status, overdue, days)
        if is_open:
            self.levels[Level(level).label] += 1
        keys = (_class_key(klass, kind), scope or UNCLASSIFIED, fld or UNCLASSIFIED)
        for group, key in zip(self.groups, keys, strict=True):
            group.setdefault(key, ComplaintCounts()).add(status, overdue, days)

    def result(self) -> ComplaintStats:
        stats = self.stats
        stats.finish()
        stats.by_class = _rows(CLASS_ROWS, self.groups[0])
        stats.by_scope = _rows(SCOPE_ROWS, self.groups[1])
        stats.by_field = _rows(FIELD_ROWS, self.groups[2])
        stats.by_level = dict(self.levels)
        return stats


def complaint_stats(region_code: str, *, now: dt.datetime | None = None) -> ComplaintStats:
    """The statistics of a village or any region above it, in one query: received, open,
    overdue, resolved, rejected, the median days from receipt to closing, the same by class,
    scope and field, and the open ones by the level now handling them. The one definition of
    these figures: the per-village statistics below and the dashboards' figures use it too."""
    tally = _Tally(now or timezone.now())
    for row in Complaint.objects.filter(_under(region_code)).values_list(*_STAT_COLUMNS, "level"):
        tally.add(*row)
    return tally.result()


def complaint_stats_by_village(
    village_codes: Sequence[str], *, now: dt.datetime | None = None
) -> dict[str, ComplaintStats]:
    """One query: the statistics of `complaint_stats` for each village in `village_codes` that
    has any complaint (the public lists of villages and the dashboards' figures)."""
    now = now or timezone.now()
    tallies: dict[str, _Tally] = {}
    rows = (
        Complaint.objects.filter(village_id__in=list(village_codes))
        .values_list("village_id", *_STAT_COLUMNS, "level")
        .order_by()
    )
    for village_id, *row in rows:
        tally = tallies.get(village_id)
        if tally is None:
            tally = tallies[village_id] = _Tally(now)
        tally.add(*row)
    return {code: tally.result() for code, tally in tallies.items()}


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
