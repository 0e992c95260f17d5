"""What the institutions app holds about a person besides the register row: posts and terms
(BKM, UP, TIPP, Pokja, KSM, KPP, election candidacies, KSM leadership). They are public records
of the village's institutions: kept, so a person who held one is pseudonymised, not deleted."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tridaya.core.personal_data import (
    Holder,
    NikShown,
    Rows,
    readable,
    record_nik_views,
    register_holder,
)
from tridaya.institutions.models import Person


def _relations() -> list[models.ForeignObjectRel]:
    return [
        rel
        for rel in Person._meta.related_objects
        if rel.related_model._meta.app_label == "institutions"
    ]


def _export(person: Person) -> Rows:
    rows: Rows = []
    for rel in _relations():
        model = rel.related_model
        for obj in model._default_manager.filter(**{rel.field.name: person}).order_by("pk"):
            fields = [
                name
                for name in ("position", "term_start", "term_end", "votes", "elected")
                if hasattr(obj, name)
            ]
            row = {str(_("Jenis")): str(model._meta.verbose_name), str(_("Catatan")): str(obj)}
            row.update(readable(obj, fields))
            rows.append(row)
    return rows


def _retains(person: Person) -> bool:
    return any(
        rel.related_model._default_manager.filter(**{rel.field.name: person}).exists()
        for rel in _relations()
    )


def _pseudonymise(person: Person, *, pseudonym: str) -> int:
    return 0  # the posts hold only the reference; the person row itself is pseudonymised


def register() -> None:
    register_holder(
        Holder(
            key="institutions.posts",
            label=_("Jabatan dan keanggotaan lembaga"),
            export=_export,
            pseudonymise=_pseudonymise,
            retains=_retains,
        )
    )


def log_person_niks(user, people, *, place: str) -> int:
    """Record that `user` was shown these people's NIKs in full (core.personal_data)."""
    return record_nik_views(
        user,
        [NikShown("institutions.person", p.pk, p.village_id, p.nik) for p in people],
        place=place,
    )
