"""Realistic, deterministic household survey exports (KoBoToolbox CSV/XLSX, ODK Central CSV),
for the demo seed, the tests and the import benchmark. The same seed gives the same file.

Answers hang together the way they do in the field: a poorer household more often has an earth
floor, no toilet of its own, firewood for cooking, and so on, so that about a quarter of the
households meet 9 or more BPS criteria (Desa Bajur's profile counts 318 poor of 1,236)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from tridaya.mapping.importers.household_form import HOUSEHOLD_FORM, HOUSING_SELECTS
from tridaya.mapping.importers.places import rt_choice_name, rw_choice_name
from tridaya.mapping.models import CRITERIA_FIELDS, HOUSING_RULES

FIRST_NAMES_MEN = (
    "Lalu Ahmad", "Muhammad", "Lalu Suhaimi", "Sahnan", "Amaq Rusni", "Zainudin", "Hasanudin",
    "Abdul Hamid", "Lalu Fathurrahman", "Sapar", "Mahsun", "Baiq Ridwan", "Junaidi", "Nasrun",
    "Hairul", "Sahabudin", "Mustiadi", "Rahmat", "Syamsul", "Ilham",
)  # fmt: skip
FIRST_NAMES_WOMEN = (
    "Baiq Nurhayati", "Inaq Rumenah", "Siti Aminah", "Sumiati", "Baiq Maesarah", "Rohani",
    "Nurul Aini", "Hajjah Mariam", "Sukmawati", "Halimah", "Saenab", "Rabiah",
)  # fmt: skip
FAMILY_NAMES = (
    "", "Hadi", "Saputra", "Hidayat", "Wahyudi", "Rahman", "Fadli", "Mulyadi", "Suryadi",
    "Kurniawan", "Hamdani", "Sahrul",
)  # fmt: skip
SELECT_VALUES = {
    name: [value for value, _label in choices.choices] for name, _l, choices in HOUSING_SELECTS
}
POOR_LEANING = {
    "land_tenure": ("family", "state", "rented"),
    "building_tenure": ("rent_free", "rented"),
    "housing_condition": ("poor", "moderate"),
    "water_source": ("unprotected_well", "unprotected_spring", "surface", "rain"),
    "sanitation": ("none", "public", "private_no_septic"),
    "waste": ("burned", "dumped"),
    "electricity": ("pln_shared", "none"),
    "cooking_fuel": ("firewood", "kerosene", "charcoal"),
    "income_source": ("labour", "farming", "fishing", "none"),
}
BETTER_OFF = {
    "land_tenure": ("owned_certified", "owned_uncertified"),
    "building_tenure": ("owned",),
    "housing_condition": ("good",),
    "water_source": ("piped", "borehole", "protected_well", "bottled"),
    "sanitation": ("private_septic", "shared"),
    "waste": ("collected", "waste_bank", "buried"),
    "electricity": ("pln_own",),
    "cooking_fuel": ("lpg", "electricity"),
    "income_source": ("trade", "services", "employee", "civil_servant", "migrant"),
}


GEO_KEYS = ("lat", "lon", "alt", "acc")
ODK_PARTS = ("Latitude", "Longitude", "Altitude", "Accuracy")
KOBO_PARTS = ("latitude", "longitude", "altitude", "precision")


@dataclass(frozen=True)
class SampleRT:
    rw: int
    rt: int
    box: tuple[float, float, float, float] | None  # west, south, east, north


def sample_rts(village) -> list[SampleRT]:
    """The RTs of a village with the bounding box of each boundary (1 query)."""
    from shapely.geometry import shape

    from tridaya.regions.models import RT

    found = []
    for rt in (
        RT.objects.filter(village=village).select_related("rw").order_by("rw__number", "number")
    ):
        box = shape(rt.boundary).bounds if rt.boundary else None
        found.append(SampleRT(rt.rw.number, rt.number, box))
    return found


def _question_columns(kind: str) -> list[tuple[str, str, str]]:
    """(column name, question, geopoint part or '') in the order the tools export them."""
    sep = "-" if kind == "odk" else "/"
    columns = []
    for group in HOUSEHOLD_FORM.groups:
        for question in group.questions:
            path = f"{group.name}{sep}{question.name}"
            if question.name == "location":
                if kind == "odk":
                    for part, key in zip(ODK_PARTS, GEO_KEYS, strict=True):
                        columns.append((f"{path}-{part}", "location", key))
                else:
                    columns.append((path, "location", "text"))
                    for part, key in zip(KOBO_PARTS, GEO_KEYS, strict=True):
                        columns.append((f"{group.name}/_{question.name}_{part}", "location", key))
            else:
                columns.append((path, question.name, ""))
    return columns


KOBO_HEAD = ["start", "end", "today"]
KOBO_TAIL = [
    "meta/instanceID",
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_notes",
    "_status",
    "_submitted_by",
    "__version__",
    "_tags",
    "_index",
]
ODK_HEAD = ["SubmissionDate", "start", "end", "today"]
ODK_TAIL = [
    "meta-instanceID",
    "KEY",
    "SubmitterID",
    "SubmitterName",
    "AttachmentsPresent",
    "AttachmentsExpected",
    "Status",
    "ReviewState",
    "DeviceID",
    "Edits",
    "FormVersion",
]


def household_header(kind: str = "kobo") -> list[str]:
    middle = [name for name, _q, _p in _question_columns(kind)]
    if kind == "odk":
        return [*ODK_HEAD, *middle, *ODK_TAIL]
    return [*KOBO_HEAD, *middle, *KOBO_TAIL]


def _name(rng: random.Random, woman: bool) -> str:
    first = rng.choice(FIRST_NAMES_WOMEN if woman else FIRST_NAMES_MEN)
    family = rng.choice(FAMILY_NAMES)
    return f"{first} {family}".strip()


def household_answers(
    rng: random.Random, index: int, rts: Sequence[SampleRT], start: dt.date, seed: int = 0
):
    """The answers of household number `index` (a dict of question name -> text); NIKs differ
    between seeds."""
    rt = rts[index % len(rts)]
    hardship = rng.random()
    poor_leaning = hardship > 0.62
    woman_head = rng.random() < 0.14
    members = max(1, min(12, int(rng.gauss(4.1 if not poor_leaning else 4.8, 1.6))))
    women = min(members, max(0, round(members * rng.uniform(0.3, 0.65))))
    if woman_head:
        women = max(1, women)
    disabled = 1 if rng.random() < 0.06 else 0
    answers: dict[str, Any] = {
        "survey_date": (start + dt.timedelta(days=rng.randrange(40))).isoformat(),
        "rw": rw_choice_name(rt.rw),
        "rt": rt_choice_name(rt.rw, rt.rt),
        "head_name": _name(rng, woman_head),
        "head_nik": f"5201{seed % 100:02d}{index:010d}" if rng.random() < 0.9 else "",
        "head_sex": "P" if woman_head else "L",
        "members": str(members),
        "women": str(women),
        "disabled": str(disabled),
    }
    for name in SELECT_VALUES:
        pool = (
            POOR_LEANING[name]
            if rng.random() < (0.85 if poor_leaning else 0.12)
            else BETTER_OFF[name]
        )
        answers[name] = rng.choice(pool)
    # Each criterion holds with a chance that rises with hardship: about a quarter end poor.
    chance = 0.1 + 0.75 * hardship**1.6
    for name in CRITERIA_FIELDS:
        answers[name] = "ya" if rng.random() < chance else "tidak"
    # Criteria a housing answer settles follow it, as a careful volunteer's would (HOUSING_RULES).
    for rule in HOUSING_RULES:
        if answers[rule.answer] in rule.holds:
            answers[rule.criterion] = "ya"
        elif answers[rule.answer] in rule.fails:
            answers[rule.criterion] = "tidak"
    if rt.box is not None and rng.random() < 0.92:
        west, south, east, north = rt.box
        lat = round(rng.uniform(south, north), 7)
        lon = round(rng.uniform(west, east), 7)
        answers["location"] = (
            lat,
            lon,
            round(rng.uniform(20, 60), 1),
            round(rng.uniform(3, 12), 1),
        )
    else:
        answers["location"] = None
    return answers


def household_rows(
    rts: Sequence[SampleRT],
    count: int,
    *,
    kind: str = "kobo",
    seed: int = 2006,
    start: dt.date = dt.date(2026, 2, 2),
) -> Iterator[list[str]]:
    """`count` rows of an export of the household survey, in the header's order."""
    rng = random.Random(seed)
    plan = _question_columns(kind)
    for index in range(count):
        answers = household_answers(rng, index, rts, start, seed)
        instance = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        day = dt.date.fromisoformat(answers["survey_date"])
        began = dt.datetime.combine(day, dt.time(8, 0)) + dt.timedelta(minutes=rng.randrange(540))
        ended = began + dt.timedelta(minutes=rng.randrange(8, 25))
        submitted = ended + dt.timedelta(hours=rng.randrange(1, 30))
        middle = []
        point = answers["location"]
        for _column, question, part in plan:
            if question != "location":
                middle.append(answers[question])
            elif point is None:
                middle.append("")
            elif part == "text":
                middle.append(" ".join(str(v) for v in point))
            else:
                middle.append(str(point[GEO_KEYS.index(part)]))
        stamp = "%Y-%m-%dT%H:%M:%S.000+08:00"
        if kind == "odk":
            yield [
                submitted.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                began.strftime(stamp),
                ended.strftime(stamp),
                answers["survey_date"],
                *middle,
                f"uuid:{instance}",
                f"uuid:{instance}",
                str(100 + index % 7),
                f"relawan{index % 7 + 1}",
                "0",
                "0",
                "",
                "approved",
                f"collect:{index % 7:04d}",
                "0",
                HOUSEHOLD_FORM.version,
            ]
        else:
            yield [
                began.strftime(stamp),
                ended.strftime(stamp),
                answers["survey_date"],
                *middle,
                f"uuid:{instance}",
                str(1_000_000 + index),
                instance,
                submitted.strftime("%Y-%m-%dT%H:%M:%S"),
                "",
                "",
                "submitted_via_web",
                f"relawan{index % 7 + 1}",
                "vHs8kx2pQ",
                "",
                str(index + 1),
            ]


def write_csv(handle, header: list[str], rows, *, delimiter: str = ",") -> None:
    writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)


def csv_bytes(header: list[str], rows, *, delimiter: str = ",") -> bytes:
    text = io.StringIO()
    write_csv(text, header, rows, delimiter=delimiter)
    return text.getvalue().encode("utf-8")


def xlsx_bytes(header: list[str], rows) -> bytes:
    """A KoBo XLSX export: numbers as numbers, like KoBo writes them."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Survei rumah tangga")
    sheet.append(header)
    numeric = {i for i, name in enumerate(header) if name.rsplit("/", 1)[-1] in NUMERIC}
    for row in rows:
        sheet.append([_number(v) if i in numeric else v for i, v in enumerate(row)])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


NUMERIC = {"members", "women", "disabled", "_id", "_index"}


def _number(text: str):
    try:
        return int(text)
    except ValueError:
        return text
