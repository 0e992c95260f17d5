"""How a problem or potential reads from a feature of a GIS file (the attribute names of
Tridaya's own export first, then common alternatives; choices by value or label): pure functions,
no database. The import service (services/problems.py) writes what they return."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from tridaya.core.choices import TridayaDomain
from tridaya.core.geo import files as gis_formats
from tridaya.mapping.models import SEVERITY_MAX, SEVERITY_MIN, ProblemKind, Sector

# Attribute names read from an imported file (Tridaya's own export names first).
ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "kind": ("jenis", "kind"),
    "domain": ("daya", "domain"),
    "sector": ("sektor", "sector", "aspek"),
    "title": ("judul", "title", "name", "nama"),
    "description": ("uraian", "description", "keterangan"),
    "severity": ("keparahan", "severity"),
    "households_affected": ("kk", "households"),
    "poor_households_affected": ("kk_miskin", "poor_households"),
    "source_ref": ("ref",),
}
CHOICES: dict[str, type[models.TextChoices]] = {
    "kind": ProblemKind,
    "domain": TridayaDomain,
    "sector": Sector,
}


def _attribute(props: Mapping[str, Any], name: str) -> tuple[str, Any]:
    lowered = {str(k).lower(): (k, v) for k, v in props.items()}
    for candidate in ATTRIBUTES[name]:
        if candidate in lowered and lowered[candidate][1] not in (None, ""):
            return lowered[candidate]
    return "", None


def _choice(value: Any, choices) -> str | None:
    text = str(value).strip()
    for choice in choices:
        if text.lower() in (choice.value.lower(), str(choice.label).lower()):
            return choice.value
    return None


def _count(value: Any) -> int:
    number = float(str(value).replace(",", "."))
    if number < 0 or number != int(number):
        raise ValueError(value)
    return int(number)


def feature_fields(
    feature: gis_formats.GisFeature, defaults: Mapping[str, Any], file_name: str, index: int
) -> tuple[dict[str, Any], list[gis_formats.FeatureProblem]]:
    """The service arguments of one imported feature, or the reasons it cannot be used."""
    problems = []
    bad: set[str] = set()
    values: dict[str, Any] = {"geometry": feature.geometry}
    for name in ATTRIBUTES:
        column, raw = _attribute(feature.properties, name)
        if raw is None:
            values[name] = defaults.get(name)
            continue
        if name in CHOICES:
            value = _choice(raw, CHOICES[name])
            if value is None:
                bad.add(name)
                allowed = ", ".join(c.value for c in CHOICES[name])
                problems.append(
                    gis_formats.FeatureProblem(
                        feature.where,
                        column,
                        _("'%(value)s' tidak dikenal; gunakan %(allowed)s.")
                        % {"value": raw, "allowed": allowed},
                    )
                )
            values[name] = value
        elif name in ("severity", "households_affected", "poor_households_affected"):
            try:
                values[name] = _count(raw)
                if name == "severity" and not SEVERITY_MIN <= values[name] <= SEVERITY_MAX:
                    problems.append(
                        gis_formats.FeatureProblem(
                            feature.where,
                            column,
                            _("isi %(min)s sampai %(max)s (sekarang %(value)s).")
                            % {"min": SEVERITY_MIN, "max": SEVERITY_MAX, "value": raw},
                        )
                    )
            except ValueError:
                bad.add(name)
                problems.append(
                    gis_formats.FeatureProblem(
                        feature.where,
                        column,
                        _("'%(value)s' bukan bilangan bulat 0 atau lebih.") % {"value": raw},
                    )
                )
        else:
            values[name] = str(raw)
    for name in ("kind", "domain", "sector", "title", "severity"):
        if name not in bad and values.get(name) in (None, ""):
            problems.append(
                gis_formats.FeatureProblem(
                    feature.where,
                    ATTRIBUTES[name][0],
                    _("kosong, dan tidak ada nilai bawaan di formulir impor."),
                )
            )
    if not values.get("source_ref"):
        values["source_ref"] = f"{file_name}#{index}"
    values["description"] = values.get("description") or ""
    values["households_affected"] = values.get("households_affected") or 0
    values["poor_households_affected"] = values.get("poor_households_affected") or 0
    return values, problems
