"""A plan version as documents: the RPLP / RTPLP as DOCX and PDF (chapters from the editable
outline, maps and charts drawn with matplotlib) and the investment plan with its RAB as XLSX,
rendered by the documents app from plain data. Shared helpers of the chapters live here."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tridaya.core.choices import TridayaDomain
from tridaya.core.formats import format_rupiah
from tridaya.documents.plan_document import Paragraphs

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
CLASS_COLORS = {
    "tidak": "#a6d96a",
    "ringan": "#fee08b",
    "sedang": "#fdae61",
    "berat": "#d73027",
    "": "#d9d9d9",
}


def rp(value: int) -> str:
    return format_rupiah(int(value))


def _domain(code: str) -> str:
    return str(TridayaDomain(code).label) if code in TridayaDomain.values else code


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r", "").split("\n\n") if p.strip()]


def _empty() -> Paragraphs:
    return Paragraphs([_("(Belum diisi.)")])
