"""Importing household survey exports at scale: queries per chunk do not grow with the rows, a
first import into an empty village skips the lookups (and still catches a repeat across chunks),
and memory stays flat as the file grows."""

import gc
import io
import tracemalloc

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tridaya.mapping.importers import samples
from tridaya.mapping.models import Household, ImportMode, ImportStatus, SurveyForm
from tridaya.mapping.services import surveys as services_import
from tridaya.mapping.tests.factories import export, run_import, with_survey_units
from tridaya.mapping.tests.importers.test_households import column


@pytest.fixture
def village(bajur):
    return with_survey_units(bajur)


def _queries(village, count, seed) -> int:
    header, rows = export(village, count, seed=seed)
    with CaptureQueriesContext(connection) as ctx:
        run_import(village, header, rows)
    return len(ctx.captured_queries)


def _per_chunk() -> int:
    """Queries Django records per chunk: the lookups of its instance ids and of its heads' NIKs,
    and the ids for its new households. The rows themselves go in on the raw driver cursor (COPY
    on PostgreSQL, multi-row INSERTs on SQLite), which Django's query log does not see."""
    return 3


@pytest.mark.django_db
def test_queries_per_chunk_do_not_grow_with_rows(village, monkeypatch):
    """A chunk costs the same queries whatever its size; more rows add chunks, not queries."""
    from tridaya.mapping.importers.households import HouseholdImporter

    monkeypatch.setattr(HouseholdImporter, "chunk_size", 50)
    _queries(village, 10, 0)  # not a first import any more: every check runs
    one, two, three = _queries(village, 50, 1), _queries(village, 100, 2), _queries(village, 150, 3)
    assert three - two == two - one == _per_chunk()
    assert _queries(village, 50, 4) == one


@pytest.mark.django_db
def test_a_first_import_skips_the_lookups(village, terong_tawah, monkeypatch):
    """Into a village with no household yet, a chunk writes without looking anything up (the
    unique indexes still refuse a repeat: see the next test). Per chunk, only its ids are
    reserved; on PostgreSQL a savepoint and its release come with them."""
    from tridaya.mapping.importers.households import HouseholdImporter

    monkeypatch.setattr(HouseholdImporter, "chunk_size", 50)
    with_survey_units(terong_tawah)
    one, three = _queries(village, 50, 1), _queries(terong_tawah, 150, 2)
    first_chunk = 3 if connection.vendor == "postgresql" else 1
    assert three - one == 2 * first_chunk


@pytest.mark.django_db
def test_a_repeat_across_chunks_of_a_first_import_is_still_caught(village, monkeypatch):
    from tridaya.mapping.importers.households import HouseholdImporter

    monkeypatch.setattr(HouseholdImporter, "chunk_size", 3)
    header, rows = export(village, 5)
    rows.append(list(rows[0]))  # line 7 repeats line 2, in the second chunk
    rows[4][column(header, "head_nik")] = rows[1][column(header, "head_nik")] or "5201070000000001"
    batch = run_import(village, header, rows, mode=ImportMode.QUARANTINE)
    reasons = {issue["line"]: issue["reason"] for issue in batch.issues}
    assert "lebih dari sekali" in reasons[7]
    assert "kepala KK lain" in reasons[6]
    assert (batch.created, batch.quarantined) == (4, 2)
    assert Household.objects.count() == 4


@pytest.mark.django_db
def test_a_first_import_in_strict_mode_writes_nothing_on_a_repeat(village, monkeypatch):
    from tridaya.mapping.importers.households import HouseholdImporter

    monkeypatch.setattr(HouseholdImporter, "chunk_size", 3)
    header, rows = export(village, 5)
    rows.append(list(rows[0]))
    batch = run_import(village, header, rows)
    assert (batch.status, batch.created) == (ImportStatus.REJECTED, 0)
    assert not Household.objects.exists()


@pytest.mark.django_db
def test_memory_stays_flat_as_the_file_grows(village, monkeypatch):
    from tridaya.mapping.importers.households import HouseholdImporter

    monkeypatch.setattr(HouseholdImporter, "chunk_size", 100)
    rts = samples.sample_rts(village)

    def peak(count, seed):
        handle = io.BytesIO(
            samples.csv_bytes(
                samples.household_header(), samples.household_rows(rts, count, seed=seed)
            )
        )
        gc.collect()  # garbage of earlier tests (or workers, under xdist) is not measured
        tracemalloc.start()  # the file itself is outside the measure: only what reading adds
        services_import.survey_import(
            actor=None, village=village, form=SurveyForm.HOUSEHOLD, file=handle
        )
        _now, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    # Warm up on the same path as the measures (several chunks, not a first import), so that
    # whatever is loaded or cached on first use is in place before either is measured.
    peak(50, 3)
    peak(1500, 4)
    # Up to four chunks are in flight (two queued by the reading thread, one being read, one
    # being written): how many are at a given moment depends on which thread the scheduler
    # favours (other processes share the cores, e.g. under xdist). Many chunks in both files
    # make both peaks reach that bound, so they compare what the import holds.
    small, large = peak(1500, 5), peak(4500, 6)  # 15 chunks against 45
    assert large < small * 1.5, (small, large)
