"""Importing household survey submissions.

Each row is checked the way the model and its constraints would check it (RT of this village,
counts within the household, NIK of 16 digits, a date not in the future, a point near the
village, every BPS criterion answered), then rows are written a chunk at a time:

- a submission seen before (same instance id, or an edit whose `deprecatedID` names it) updates
  its household when an answer changed and is left alone otherwise;
- a new submission adds its household, with its head's name, sex and NIK; a NIK heads at most
  one household of the village;
- a household links to the village's registered `Person` with its head's NIK, when there is one
  heading no other household, and that person's poverty status follows the household's, set
  after the last chunk through the register's owner (`institutions.services.people.
  people_mark_household_heads`: one call and one audit event per import). (Heads are not added
  to the register: one row per household keeps a million-row import fast.)

Writes go through `bulk.TableWriter` (COPY / executemany): a million rows through the ORM's
model instances would take minutes. The batch's audit event records what the import did."""

from __future__ import annotations

import hashlib
import re
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.institutions.models import Person
from tridaya.institutions.services import people
from tridaya.mapping.importers.base import ChunkResult
from tridaya.mapping.importers.bulk import (
    JSONText,
    Same,
    TableWriter,
    can_skip_conflicts,
    rows_where_in,
)
from tridaya.mapping.importers.household_form import HOUSEHOLD_FORM, HOUSING_SELECTS
from tridaya.mapping.importers.parse import Chunk
from tridaya.mapping.importers.places import Extent, RTResolver
from tridaya.mapping.models import (
    CRITERIA_FIELDS,
    HOUSING_RULES,
    POOR_MIN_CRITERIA,
    Household,
    HouseholdSource,
    ImportBatch,
    housing_contradiction,
)
from tridaya.mapping.models.households import MAX_MEMBERS
from tridaya.regions.models import Region

NIK = re.compile(r"^\d{16}$")
HEAD_NAME_MAX = Household._meta.get_field("head_name").max_length or 120
ANALYZE_AFTER_ROWS = 50_000
SELECT_FIELDS = tuple(name for name, _label, _choices in HOUSING_SELECTS)
ANSWER_FIELDS = (
    "rt_id",
    "members",
    "women",
    "disabled",
    *SELECT_FIELDS,
    *CRITERIA_FIELDS,
    "location",
    "surveyed_on",
)
HEAD_FIELDS = ("head_name", "head_nik", "head_sex")
DIGESTED = (*ANSWER_FIELDS, *HEAD_FIELDS)
# Household columns an edited submission rewrites.
UPDATED_FIELDS = (
    *ANSWER_FIELDS,
    *HEAD_FIELDS,
    "head_id",
    "criteria_met",
    "is_poor",
    "submitted_at",
    "instance_id",
    "source_digest",
    "import_batch_id",
)


_H, _P = Household._meta, Person._meta
EXISTING_SQL = (
    f'SELECT "instance_id", "id", "head_id", "source_digest", "import_batch_id" '
    f'FROM "{_H.db_table}" WHERE "village_id" = %s AND "instance_id" IN ({{values}})'
)
# `NOT (... = '')` repeats the condition of the partial unique indexes on (village, NIK), so the
# database looks the NIKs up in them instead of reading every row of the village.
HOLDERS_SQL = (
    f'SELECT "head_nik", "id" FROM "{_H.db_table}" '
    f'WHERE "village_id" = %s AND NOT ("head_nik" = \'\') AND "head_nik" IN ({{values}})'
)
PEOPLE_SQL = (
    f'SELECT p."nik", p."id", h."id" FROM "{_P.db_table}" p '
    f'LEFT JOIN "{_H.db_table}" h ON h."head_id" = p."id" '
    f'WHERE p."village_id" = %s AND NOT (p."nik" = \'\') AND p."nik" IN ({{values}})'
)


class HouseholdImporter:
    spec = HOUSEHOLD_FORM
    required = ["rt", "head_name", "head_sex", "members", *CRITERIA_FIELDS]
    chunk_size = 2000

    def __init__(self, *, village: Region, batch: ImportBatch, actor=None):
        self.village = village
        self.batch = batch
        self.rts = RTResolver(village)
        self.extent = Extent(village)
        self.today = timezone.localdate(timezone=ZoneInfo(village.timezone))
        self.actor = actor
        # Linked people and the poverty status they take, written once after the last chunk.
        self.heads_poverty: dict[int, bool] = {}
        self.households = TableWriter(Household)
        self.reader_columns: Any = None  # set by the service: the RowReader, for column names
        # Whether the register has anyone a head could be linked to (an import adds no one).
        self.link_people = Person.objects.filter(village=village).exclude(nik="").exists()
        # Nothing this import could update or collide with: see `write`.
        self.first_import = not (
            Household.objects.filter(village=village)
            .filter(Q(instance_id__isnull=False) | ~Q(head_nik=""))
            .exists()
        )

    # Checking one row ---------------------------------------------------------------------

    def _column(self, name: str) -> str:
        reader = self.reader_columns
        return reader.column_name(name) if reader is not None else name

    def check(self, chunk: Chunk) -> None:
        """Check every row of the chunk, a column at a time, and prepare what `write` stores."""
        values = chunk.values
        nothing: list[Any] = [None] * len(chunk)
        rt_ids = self._check_rts(chunk, nothing)
        names, niks = self._check_heads(chunk, nothing)
        members, counts = self._check_counts(chunk, nothing)
        dates = values.get("survey_date", nothing)
        for i in [i for i, day in enumerate(dates) if day is not None and day > self.today]:
            chunk.add_issue(
                i,
                self._column("survey_date"),
                dates[i].isoformat(),
                _("tanggal survei di masa depan"),
            )
        locations = self._check_locations(chunk, nothing)
        self._check_housing(chunk, nothing)
        criteria_columns = [values.get(name, nothing) for name in CRITERIA_FIELDS]
        criteria_met = [answers.count(True) for answers in zip(*criteria_columns, strict=True)]
        prepared: dict[str, list[Any]] = {
            "rt_id": rt_ids,
            "members": members,
            "women": counts["women"],
            "disabled": counts["disabled"],
            **{name: [v or "" for v in values.get(name, nothing)] for name in SELECT_FIELDS},
            **{
                name: [v is True for v in found]
                for name, found in zip(CRITERIA_FIELDS, criteria_columns, strict=True)
            },
            "location": locations,
            "surveyed_on": dates,
            "criteria_met": criteria_met,
            "is_poor": [met >= POOR_MIN_CRITERIA for met in criteria_met],
            "submitted_at": chunk.submitted,
            "instance_id": chunk.instance_ids,
            "head_name": [name.strip() for name in names],
            "head_nik": niks,
            "head_sex": values.get("head_sex", nothing),
        }
        chunk.prepared = prepared
        digested = [prepared[key] for key in DIGESTED]
        md5 = hashlib.md5
        chunk.digests = [
            md5(repr(answers).encode(), usedforsecurity=False).hexdigest()
            for answers in zip(*digested, strict=True)
        ]

    def _check_housing(self, chunk: Chunk, nothing: list[Any]) -> None:
        """A criterion that contradicts its housing answer (`HOUSING_RULES`): an issue on the
        criterion's column naming both answers."""
        values = chunk.values
        for rule in HOUSING_RULES:
            answers = values.get(rule.answer, nothing)
            criteria = values.get(rule.criterion, nothing)
            settled = rule.holds | rule.fails
            for i, answer in enumerate(answers):
                if answer not in settled or criteria[i] is None:
                    continue
                reason = housing_contradiction(rule, answer, criteria[i])
                if reason:
                    chunk.add_issue(
                        i, self._column(rule.criterion), "ya" if criteria[i] else "tidak", reason
                    )

    def _check_rts(self, chunk: Chunk, nothing: list[Any]) -> list[int | None]:
        rt_texts = chunk.values.get("rt", nothing)
        rw_texts = chunk.values.get("rw", nothing)
        cache, resolve = self.rts.cache, self.rts.resolve
        rt_ids = []
        for i, key in enumerate(zip(rt_texts, rw_texts, strict=True)):
            found = cache.get(key) or resolve(*key)
            if found[0] is None and key[0] is not None:
                chunk.add_issue(i, self._column("rt"), key[0], found[1])
            rt_ids.append(found[0])
        return rt_ids

    def _check_heads(self, chunk: Chunk, nothing: list[Any]) -> tuple[list[str], list[str]]:
        """The heads' names (at most the field's length) and NIKs (16 digits)."""
        values, issue, column = chunk.values, chunk.add_issue, self._column
        names = [name or "" for name in values.get("head_name", nothing)]
        for i in [i for i, name in enumerate(names) if len(name) > HEAD_NAME_MAX]:
            issue(
                i,
                column("head_name"),
                names[i][:40],
                _("nama terlalu panjang (paling banyak %(max)s huruf)") % {"max": HEAD_NAME_MAX},
            )
        niks = [(nik or "").replace(" ", "") for nik in values.get("head_nik", nothing)]
        for i in [i for i, nik in enumerate(niks) if nik and not NIK.match(nik)]:
            issue(i, column("head_nik"), niks[i], _("NIK harus 16 angka"))
        return names, niks

    def _check_counts(self, chunk: Chunk, nothing: list[Any]) -> tuple[list, dict[str, list]]:
        """Members (1 to MAX_MEMBERS), and women and people with disabilities within them."""
        values, issue, column = chunk.values, chunk.add_issue, self._column
        members = values.get("members", nothing)
        for i in [i for i, m in enumerate(members) if m is not None and not 1 <= m <= MAX_MEMBERS]:
            issue(
                i,
                column("members"),
                members[i],
                _("jumlah anggota harus 1 sampai %(max)s orang") % {"max": MAX_MEMBERS},
            )
        # Women and people with disabilities are compared only with a possible member count.
        usable = [m if m is not None and 1 <= m <= MAX_MEMBERS else None for m in members]
        counts = {}
        for name in ("women", "disabled"):
            found = [0 if n is None else n for n in values.get(name, nothing)]
            for i, n in enumerate(found):
                if n < 0:
                    issue(i, column(name), n, _("tidak boleh negatif"))
                elif (limit := usable[i]) is not None and n > limit:
                    issue(
                        i,
                        column(name),
                        n,
                        _("lebih dari jumlah anggota keluarga (%(members)s)")
                        % {"members": members[i]},
                    )
            counts[name] = found
        return members, counts

    def _check_locations(self, chunk: Chunk, nothing: list[Any]) -> list[JSONText | None]:
        """Points as GeoJSON; a point far outside the village is an issue."""
        locations: list[JSONText | None] = [None] * len(chunk)
        holds = self.extent.holds
        for i, point in enumerate(chunk.values.get("location", nothing)):
            if point is None:
                continue
            if holds(point):
                locations[i] = JSONText(point.geojson_text())
            else:
                chunk.add_issue(
                    i,
                    self._column("location"),
                    f"{point.lat} {point.lon}",
                    _(
                        "titik lokasi jauh di luar %(village)s (lebih dari %(max)s m dari "
                        "batasnya); lintang dan bujur tertukar?"
                    )
                    % {"village": self.village.name, "max": f"{self.extent.margin_m:.0f}"},
                )
        return locations

    # Writing a chunk ----------------------------------------------------------------------

    def write(self, chunk: Chunk) -> ChunkResult:
        """Store the chunk's good rows.

        While the village had no submitted household and no head's NIK before this import, a
        chunk whose rows neither edit nor repeat one another is written without looking
        anything up: only a submission or NIK repeated from an earlier chunk could collide, and
        the unique indexes on (village, instance id) and (village, head's NIK) refuse it. On
        SQLite the rows they refuse are left out and then checked against the database; on
        PostgreSQL (COPY cannot leave a row out) the chunk is rolled back to its savepoint and
        checked."""
        good = chunk.good()
        if self.first_import and good and self._all_new(chunk, good):
            if can_skip_conflicts():
                return self._write_new_skipping(chunk, good)
            if connection.vendor == "postgresql":
                try:
                    with transaction.atomic():
                        self._insert(chunk, good, self._people(chunk, good, {}), timezone.now())
                        return ChunkResult(created=len(good))
                except IntegrityError:
                    pass
        return self._write(chunk, good)

    @staticmethod
    def _all_new(chunk: Chunk, good: list[int]) -> bool:
        """No row of the chunk edits an earlier submission or repeats another row's submission
        or NIK."""
        ids, niks = chunk.instance_ids, chunk.prepared["head_nik"]
        if any(chunk.deprecated_ids[i] for i in good):
            return False
        if len({ids[i] for i in good}) < len(good):
            return False
        given = [niks[i] for i in good if niks[i]]
        return len(set(given)) == len(given)

    def _write_new_skipping(self, chunk: Chunk, good: list[int]) -> ChunkResult:
        heads = self._people(chunk, good, {})
        inserted = self._insert(chunk, good, heads, timezone.now(), skip=True)
        refused = [i for i in good if i not in inserted]
        result = self._write(chunk, refused) if refused else ChunkResult()
        result.created += len(inserted)
        return result

    def _write(self, chunk: Chunk, good: list[int]) -> ChunkResult:
        result = ChunkResult()
        if not good:
            return result
        ids, deprecated = chunk.instance_ids, chunk.deprecated_ids
        wanted = {ids[i] for i in good} | {deprecated[i] for i in good if deprecated[i]}
        existing = {
            instance: (pk, head_id, digest, batch_id)
            for instance, pk, head_id, digest, batch_id in rows_where_in(
                EXISTING_SQL, [self.village.pk], wanted
            )
        }
        seen: dict[str, int] = {}
        new: list[int] = []
        changed: list[tuple[int, tuple]] = []
        digests = chunk.digests
        for i in good:
            instance = ids[i]
            first = seen.get(instance)
            if first is not None:
                self._duplicate(chunk, i, first)
                continue
            seen[instance] = chunk.lines[i]
            found = existing.get(instance)
            if found is None and deprecated[i]:
                found = existing.get(deprecated[i])
            if found is None:
                new.append(i)
            elif found[3] == self.batch.pk:
                self._duplicate(chunk, i, None)
            elif found[2] == digests[i] and instance in existing:
                result.unchanged += 1
            else:
                changed.append((i, found))
        self._check_niks(chunk, new, changed)
        new = [i for i in new if chunk.ok(i)]
        changed = [(i, found) for i, found in changed if chunk.ok(i)]
        heads = self._people(chunk, [*new, *(i for i, _f in changed)], dict(changed))
        now = timezone.now()
        self._insert(chunk, new, heads, now)
        self._update(chunk, changed, heads, now)
        result.created += len(new)
        result.updated += len(changed)
        return result

    def finish(self, totals: ChunkResult) -> None:
        """Set the poverty status of the people the households link to, in one call to the
        register of people (one audit event for the import). After a large import, refresh
        PostgreSQL's statistics of the tables it filled, so that the next import's lookups (and
        every page) are planned for their real size."""
        if self.heads_poverty:
            people.people_mark_household_heads(
                actor=self.actor,
                village=self.village,
                heads=self.heads_poverty,
                source=f"survei #{self.batch.pk}",
            )
        if connection.vendor == "postgresql" and totals.created >= ANALYZE_AFTER_ROWS:
            with connection.cursor() as cursor:
                cursor.execute(f'ANALYZE "{self.households.table}"')

    def _duplicate(self, chunk: Chunk, index: int, first_line: int | None) -> None:
        if first_line is not None:
            reason = _("kiriman yang sama sudah ada di baris %(line)s") % {"line": first_line}
        else:
            reason = _("kiriman yang sama muncul lebih dari sekali dalam berkas ini")
        chunk.add_issue(index, self._column("_uuid"), chunk.instance_ids[index], reason)

    def _check_niks(self, chunk: Chunk, new: list[int], changed: list[tuple[int, tuple]]) -> None:
        """A head's NIK heads at most one household of the village: refuse a NIK repeated in
        the chunk or held by another household."""
        niks = chunk.prepared["head_nik"]
        rows = [*new, *(i for i, _found in changed)]
        wanted = {niks[i] for i in rows if niks[i]}
        holders = dict(rows_where_in(HOLDERS_SQL, [self.village.pk], wanted)) if wanted else {}
        own = {i: found[0] for i, found in changed}
        in_chunk: dict[str, int] = {}
        column = self._column("head_nik")
        for i in rows:
            nik = niks[i]
            if not nik:
                continue
            if nik in in_chunk:
                reason = _("NIK sama dengan kepala KK di baris %(line)s") % {"line": in_chunk[nik]}
                chunk.add_issue(i, column, nik, reason)
                continue
            in_chunk[nik] = chunk.lines[i]
            holder = holders.get(nik)
            if holder is not None and holder != own.get(i):
                reason = _("NIK ini sudah menjadi kepala KK lain (KK #%(id)s)") % {"id": holder}
                chunk.add_issue(i, column, nik, reason)

    def _people(self, chunk: Chunk, rows: list[int], changed: dict[int, tuple]) -> dict[int, int]:
        """The registered people the rows' households link to (row index -> person id): the
        village's person with the head's NIK, unless they head another household."""
        niks = chunk.prepared["head_nik"]
        wanted = {niks[i] for i in rows if niks[i]}
        if not (self.link_people and wanted):
            return {}
        people = {
            nik: (person_id, household_id)
            for nik, person_id, household_id in rows_where_in(PEOPLE_SQL, [self.village.pk], wanted)
        }
        heads = {}
        for i in rows:
            found = people.get(niks[i])
            if found is None:
                continue
            person_id, household_id = found
            if household_id is None or household_id == changed.get(i, (None,))[0]:
                heads[i] = person_id
        return heads

    def _insert(
        self, chunk: Chunk, rows: list[int], heads: dict[int, int], now, *, skip: bool = False
    ) -> set[int]:
        """Insert the rows' households; returns the rows inserted (all of them, unless `skip`
        leaves out the rows a unique index refuses: see `write`)."""
        if not rows:
            return set()
        p = chunk.prepared
        household_ids = self.households.reserve_ids(len(rows))
        every = len(rows) == len(chunk)  # the usual case: take the columns as they are

        def pick(values: list) -> list:
            return values if every else [values[i] for i in rows]

        columns: dict[str, Any] = {key: pick(p[key]) for key in (*ANSWER_FIELDS, *HEAD_FIELDS)}
        columns.update(
            {
                "id": household_ids,
                "village_id": Same(self.village.pk),
                "head_id": [heads.get(i) for i in rows] if heads else Same(None),
                "criteria_met": pick(p["criteria_met"]),
                "is_poor": pick(p["is_poor"]),
                "source": Same(HouseholdSource.SURVEY.value),
                "instance_id": pick(p["instance_id"]),
                "submitted_at": pick(p["submitted_at"]),
                "source_digest": pick(chunk.digests),
                "import_batch_id": Same(self.batch.pk),
            }
        )
        stored = self.households.insert_columns(columns, len(rows), now=now, skip_conflicts=skip)
        done = set(rows)
        if stored is not None:
            done = {row for row, pk in zip(rows, household_ids, strict=True) if pk in stored}
        self._heads_follow(chunk, [i for i in rows if i in heads and i in done], heads, now)
        return done

    def _update(
        self, chunk: Chunk, changed: list[tuple[int, tuple]], heads: dict[int, int], now
    ) -> None:
        if not changed:
            return
        p = chunk.prepared
        households = [
            {
                **{key: p[key][i] for key in UPDATED_FIELDS if key in p},
                "id": pk,
                "head_id": heads.get(i),
                "source_digest": chunk.digests[i],
                "import_batch_id": self.batch.pk,
            }
            for i, (pk, *_rest) in changed
        ]
        self.households.update(households, UPDATED_FIELDS, now=now)
        self._heads_follow(chunk, [i for i, _found in changed if i in heads], heads, now)

    def _heads_follow(self, chunk: Chunk, rows: list[int], heads: dict[int, int], now) -> None:
        """Linked people take their household's poverty status: noted here, written by
        `finish` through one call to the register's owner."""
        is_poor = chunk.prepared["is_poor"]
        for i in rows:
            self.heads_poverty[heads[i]] = is_poor[i]
