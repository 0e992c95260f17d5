"""The slum criteria set as data (aspects, criteria, units, denominators, score and class bands),
read from a definition with `CriteriaSet.from_definition`; no database."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from django.utils.translation import get_language, gettext_lazy

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
TEN_THOUSANDTH = Decimal("0.0001")

DENOMINATORS = ("buildings", "area_ha", "road_length_m", "drainage_length_m", "households")
DENOMINATOR_LABELS = {
    "buildings": gettext_lazy("jumlah bangunan"),
    "area_ha": gettext_lazy("luas terverifikasi (ha)"),
    "road_length_m": gettext_lazy("panjang jalan ideal (m)"),
    "drainage_length_m": gettext_lazy("panjang drainase ideal (m)"),
    "households": gettext_lazy("jumlah KK"),
}


class SlumClass(StrEnum):
    NONE = "tidak"
    LIGHT = "ringan"
    MEDIUM = "sedang"
    HEAVY = "berat"


CLASS_LABELS = {
    SlumClass.NONE: gettext_lazy("Tidak kumuh"),
    SlumClass.LIGHT: gettext_lazy("Kumuh ringan"),
    SlumClass.MEDIUM: gettext_lazy("Kumuh sedang"),
    SlumClass.HEAVY: gettext_lazy("Kumuh berat"),
}
CLASS_ORDER = (SlumClass.NONE, SlumClass.LIGHT, SlumClass.MEDIUM, SlumClass.HEAVY)


def two_decimals(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


# --- The criteria set -------------------------------------------------------------------------


def _in_language(text: str, text_en: str) -> str:
    return text_en if text_en and (get_language() or "").startswith("en") else text


@dataclass(frozen=True)
class Criterion:
    code: str
    aspect: str
    title_id: str
    title_en: str
    unit: str
    denominator: str

    @property
    def title(self) -> str:
        return _in_language(self.title_id, self.title_en)


@dataclass(frozen=True)
class Aspect:
    key: str
    title_id: str
    title_en: str
    criteria: tuple[Criterion, ...]

    @property
    def title(self) -> str:
        return _in_language(self.title_id, self.title_en)


@dataclass(frozen=True)
class CriteriaSet:
    code: str
    version: int
    name: str
    aspects: tuple[Aspect, ...]
    score_bands: tuple[tuple[Decimal, int], ...]  # (lowest %, score), highest band first
    class_bands: tuple[tuple[int, SlumClass], ...]  # (lowest total, class), highest first
    water_code: str = "3a"
    sanitation_code: str = "5a"

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for aspect in self.aspects for c in aspect.criteria)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.criteria)

    @property
    def max_total(self) -> int:
        top = max((score for _pct, score in self.score_bands), default=0)
        return top * len(self.criteria)

    def criterion(self, code: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.code == code:
                return criterion
        raise KeyError(code)

    @classmethod
    def from_definition(cls, data: Mapping[str, Any]) -> CriteriaSet:
        """Read a criteria-set definition (the TOML file's content). Raises ValueError naming
        what is wrong."""
        try:
            aspects = []
            for a in data["aspects"]:
                criteria = []
                for c in a["criteria"]:
                    if c["denominator"] not in DENOMINATORS:
                        raise ValueError(f"criterion {c['code']}: unknown denominator")
                    criteria.append(
                        Criterion(
                            code=str(c["code"]),
                            aspect=str(a["key"]),
                            title_id=str(c["title"]),
                            title_en=str(c.get("title_en", "")),
                            unit=str(c["unit"]),
                            denominator=str(c["denominator"]),
                        )
                    )
                aspects.append(
                    Aspect(
                        key=str(a["key"]),
                        title_id=str(a["title"]),
                        title_en=str(a.get("title_en", "")),
                        criteria=tuple(criteria),
                    )
                )
            score_bands = tuple(
                sorted(
                    ((Decimal(str(b["min"])), int(b["score"])) for b in data["score_bands"]),
                    reverse=True,
                )
            )
            class_bands = tuple(
                sorted(
                    ((int(b["min"]), SlumClass(b["class"])) for b in data["class_bands"]),
                    key=lambda band: band[0],
                    reverse=True,
                )
            )
            indicators = data.get("indicators", {})
            result = cls(
                code=str(data["code"]),
                version=int(data["version"]),
                name=str(data["name"]),
                aspects=tuple(aspects),
                score_bands=score_bands,
                class_bands=class_bands,
                water_code=str(indicators.get("water", "3a")),
                sanitation_code=str(indicators.get("sanitation", "5a")),
            )
        except (KeyError, TypeError, InvalidOperation) as exc:
            raise ValueError(f"criteria set definition: missing or bad {exc}") from exc
        codes = result.codes
        if len(set(codes)) != len(codes):
            raise ValueError("criteria set definition: a criterion code appears twice")
        for code in (result.water_code, result.sanitation_code):
            if code not in codes:
                raise ValueError(f"criteria set definition: indicator criterion {code} unknown")
        return result
