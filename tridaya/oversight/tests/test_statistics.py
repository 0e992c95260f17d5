"""Complaint statistics by class, scope and field: one selector (`complaint_stats`, and the same
counting per village for the lists and the dashboards), unclassified complaints counted in their
own row so that every breakdown sums to the total."""

import datetime as dt

import pytest

from tridaya.oversight import codes, selectors
from tridaya.oversight.models import Channel, Complaint, Status
from tridaya.regions.tests.factories import BAJUR

T0 = dt.datetime(2026, 11, 1, 2, 0, tzinfo=dt.UTC)
NOW = T0 + dt.timedelta(days=30)
COUNTS = ("received", "open", "overdue", "resolved", "rejected")

# (klass, kind, scope, field, status, days to close or None when open, overdue at NOW)
SEED = [
    ("informatif", "pertanyaan", "administrasi", "L", Status.RESOLVED, 1, False),
    ("informatif", "pertanyaan", "administrasi", "E", Status.RESOLVED, 3, False),
    ("informatif", "saran", "keuangan", "S", Status.REJECTED, 5, False),
    ("informatif", "kritik", "", "", Status.IN_PROCESS, None, True),
    ("informatif", "", "administrasi", "L", Status.RECEIVED, None, False),  # kind missing
    ("masalah", "", "keuangan", "E", Status.IN_PROCESS, None, True),
    ("masalah", "", "keuangan", "L", Status.RESOLVED, 10, False),
    ("", "", "", "", Status.RECEIVED, None, True),  # not classified yet
    ("", "", "", "", Status.RECEIVED, None, False),
]


def seed(village):
    for klass, kind, scope, fld, status, days, overdue in SEED:
        closed = T0 + dt.timedelta(days=days) if days is not None else None
        Complaint.objects.create(
            village=village,
            tracking_code=codes.new_code(),
            channel=Channel.WEB,
            text="isi",
            klass=klass,
            kind=kind,
            scope=scope,
            field=fld,
            status=status,
            received_at=T0,
            due_at=NOW - dt.timedelta(days=1) if overdue else NOW + dt.timedelta(days=1),
            closed_at=closed,
        )


def by_key(rows):
    return {row.key: row.counts for row in rows}


@pytest.fixture
def seeded(bajur, terong_tawah):
    seed(bajur)
    seed(terong_tawah)
    return bajur


def test_each_breakdown_sums_to_the_total_with_unclassified_counted(
    seeded, django_assert_num_queries
):
    with django_assert_num_queries(1):
        stats = selectors.complaint_stats(BAJUR, now=NOW)
    assert (stats.received, stats.open, stats.overdue, stats.resolved, stats.rejected) == (
        9,
        5,
        3,
        3,
        1,
    )
    assert stats.median_days == 4.0  # closed after 1, 3, 5 and 10 days
    for key, _title, rows in stats.breakdowns:
        for name in COUNTS:
            total = sum(getattr(row.counts, name) for row in rows)
            assert total == getattr(stats, name), (key, name)
        assert rows[-1].key == selectors.UNCLASSIFIED
    klass = by_key(stats.by_class)
    assert list(klass) == ["pertanyaan", "saran", "kritik", "informatif", "masalah", "belum"]
    assert (klass["pertanyaan"].received, klass["pertanyaan"].resolved) == (2, 2)
    assert klass["pertanyaan"].median_days == 2.0
    assert (klass["saran"].rejected, klass["saran"].median_days) == (1, 5.0)
    assert (klass["kritik"].open, klass["kritik"].overdue) == (1, 1)
    assert klass["informatif"].received == 1  # an informatif complaint without its kind
    assert (klass["masalah"].received, klass["masalah"].overdue) == (2, 1)
    assert klass["masalah"].median_days == 10.0
    assert (klass["belum"].received, klass["belum"].overdue) == (2, 1)
    scope = by_key(stats.by_scope)
    assert list(scope) == ["administrasi", "keuangan", "belum"]
    assert [scope[k].received for k in scope] == [3, 3, 3]
    field = by_key(stats.by_field)
    assert list(field) == ["L", "E", "S", "belum"]
    assert [field[k].received for k in field] == [3, 2, 1, 3]
    assert field["L"].median_days == 5.5  # 1 and 10 days
    assert field["belum"].median_days is None  # nothing closed


def test_rows_without_a_complaint_are_shown_with_zero_and_the_optional_row_is_left_out(bajur):
    stats = selectors.complaint_stats(BAJUR, now=NOW)
    assert stats.received == 0
    keys = [row.key for row in stats.by_class]
    assert keys == ["pertanyaan", "saran", "kritik", "masalah", "belum"]
    assert all(row.counts.received == 0 for _k, _t, rows in stats.breakdowns for row in rows)


def test_a_region_adds_up_its_villages_and_each_village_matches_its_own_statistics(
    seeded, django_assert_num_queries
):
    district = BAJUR.rsplit(".", 1)[0]
    codes_ = list(Complaint.objects.values_list("village_id", flat=True).distinct())
    assert len(codes_) == 2
    with django_assert_num_queries(1):
        per_village = selectors.complaint_stats_by_village(codes_, now=NOW)
    region = selectors.complaint_stats(district, now=NOW)
    for code in codes_:
        own = selectors.complaint_stats(code, now=NOW)
        assert per_village[code] == own
    for name in COUNTS:
        assert getattr(region, name) == sum(getattr(v, name) for v in per_village.values())
    region_class = by_key(region.by_class)
    assert region_class["belum"].received == 4


def test_the_dashboards_figures_are_the_per_village_statistics(seeded):
    from tridaya.core.figures import figures

    found = {f.key: f for f in figures() if f.key.startswith("oversight_")}
    assert set(found) == {f"oversight_{n}" for n in ("received", "open", "overdue", "resolved")}
    stats = selectors.complaint_stats(BAJUR)
    for name in ("received", "open", "overdue", "resolved"):
        assert found[f"oversight_{name}"].compute([BAJUR])[BAJUR] == getattr(stats, name), name
