"""Letters of marketing as DOCX from the templates in letters.toml: the support request letter
(surat permohonan dukungan) and the MoU draft of a pledge. Facts come from the pledge and the
village; nothing personal (signers' names are left to be written in)."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from django.utils import timezone

from tridaya.core.dates import format_date_id, number_in_words
from tridaya.core.formats import format_rupiah
from tridaya.documents import docx as docx_helpers
from tridaya.documents.signers import Signer
from tridaya.regions.selectors import attach_ancestors

LETTERS_FILE = Path(__file__).resolve().parent / "letters.toml"
KINDS = ("permohonan", "mou")


@cache
def templates() -> dict:
    return tomllib.loads(LETTERS_FILE.read_text(encoding="utf-8"))


def letter_facts(village, pledge) -> dict[str, str]:
    if not getattr(village, "ancestors", None):
        attach_ancestors([village])
    _province, regency, district = village.ancestors
    target = pledge.activity or pledge.investment_row
    activity = getattr(target, "name", None) or target.component
    plan = target.version.plan.title
    amount = pledge.amount
    return {
        "village": str(village),
        "village_upper": str(village).upper(),
        "district": district.name,
        "regency": str(regency),
        "partner": pledge.partner.name,
        "partner_upper": pledge.partner.name.upper(),
        "activity": activity,
        "plan": plan,
        "amount": format_rupiah(amount),
        "amount_words": f"{number_in_words(amount)} rupiah",
        "source": pledge.source.label,
        "year": str(pledge.year),
        "date": format_date_id(timezone.localdate()),
    }


def letter_docx(kind: str, facts: dict[str, str]) -> bytes:
    spec = templates()[kind]
    document = docx_helpers.new_document()
    docx_helpers.add_heading_block(document, (spec["title"] % facts).split("\n"))
    if spec.get("opening"):
        docx_helpers.add_paragraph(document, spec["opening"] % facts, align="left")
    for paragraph in spec["paragraphs"]:
        docx_helpers.add_paragraph(document, paragraph % facts)
    docx_helpers.add_paragraph(document, f"{facts['village']}, {facts['date']}", align="right")
    docx_helpers.add_signature_blocks(
        document, [Signer(role % facts, "") for role in spec["signers"]]
    )
    return docx_helpers.to_bytes(document)
