"""A person's data rights (UU PDP 27/2022): export everything the system holds about a person
of the register, and erase or pseudonymise it.

Every app holding data linked to the person registers a `core.personal_data.Holder`; the
export gathers their rows, the erasure asks each to pseudonymise its rows. When any holder must
keep its rows (an institution's post, a signed attendance list, a training certificate), the
person stays as a pseudonym ("Warga terhapus #<id>") so those records keep their reference;
otherwise the person row is deleted. The audit event says who, when and why, and which kinds of
data were changed, never the erased values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.core.audit import record_event
from tridaya.core.errors import DomainError
from tridaya.core.personal_data import holders
from tridaya.core.policy import authorize
from tridaya.core.reasons import require_reason
from tridaya.institutions.errors import InstitutionError
from tridaya.institutions.models import Person
from tridaya.institutions.policy import ERASE_PERSONAL_DATA, EXPORT_PERSONAL_DATA
from tridaya.institutions.services.common import Actor

PSEUDONYM_PREFIX = "Warga terhapus #"
# Identifying fields cleared on the person; sex, poverty and disability stay as anonymous
# counts (quotas and program figures of past meetings read them).
CLEARED = {
    "name": None,  # set to the pseudonym
    "nik": "",
    "phone": "",
    "birth_year": None,
    "education": "",
    "occupation": "",
    "disability_note": "",
}


def pseudonym_of(person: Person) -> str:
    return f"{PSEUDONYM_PREFIX}{person.pk}"


def _person_rows(person: Person) -> dict[str, Any]:
    return {
        _("Nama"): person.name,
        _("Kelurahan/desa"): str(person.village),
        _("Jenis kelamin"): person.get_sex_display(),
        _("Tahun lahir"): person.birth_year,
        _("Pendidikan"): person.get_education_display() if person.education else "",
        _("Pekerjaan"): person.occupation,
        _("KK miskin/MBR"): person.is_poor,
        _("Penyandang disabilitas"): person.disability,
        _("Keterangan disabilitas"): person.disability_note,
        _("Nomor HP"): person.phone,
        _("NIK"): person.nik,
        _("Dicatat"): person.created_at.isoformat(),
        _("Terakhir diubah"): person.updated_at.isoformat(),
    }


@transaction.atomic(durable=True)
def person_data_export(*, actor: Actor, person: Person) -> dict[str, Any]:
    """Everything held about the person, as readable sections: {"warga": {...}, "bagian":
    [{"kunci", "judul", "baris"}]}. The export itself is audited (who, when; no values)."""
    authorize(actor, EXPORT_PERSONAL_DATA, person)
    sections = []
    for holder in holders():
        rows = holder.export(person)
        sections.append({"kunci": holder.key, "judul": str(holder.label), "baris": rows})
    record_event(
        actor=actor,
        action="institutions.person_data_exported",
        obj=person,
        changes={"bagian": [None, [s["kunci"] for s in sections if s["baris"]]]},
    )
    return {
        "dibuat": timezone.now().isoformat(),
        "warga": _person_rows(person),
        "bagian": sections,
    }


@dataclass(frozen=True)
class ErasureResult:
    erased: bool  # the person row was deleted (nothing had to be kept)
    pseudonym: str
    changed: dict[str, int]  # holder key -> rows changed
    retained_by: list[str]  # holder labels that had to keep their rows


@transaction.atomic(durable=True)
def person_erase(*, actor: Actor, person: Person, reason: str) -> ErasureResult:
    """Pseudonymise the person and every row linked to them; delete the person row when no
    holder must keep its rows. Audited with the reason and the kinds of data changed."""
    authorize(actor, ERASE_PERSONAL_DATA, person)
    reason = require_reason(
        reason,
        code=InstitutionError.ERASE_REASON,
        message=_(
            "Tulis dasar penghapusan (mis. permintaan tertulis warga tanggal ...), paling "
            "sedikit %(n)s huruf."
        ),
    )
    person = Person.objects.select_for_update().get(pk=person.pk)
    pseudonym = pseudonym_of(person)
    if person.name == pseudonym and not person.nik and not person.phone:
        raise DomainError(
            _("Data %(name)s sudah disamarkan sebelumnya.") % {"name": pseudonym},
            code=InstitutionError.ALREADY_ERASED,
        )
    retained_by = [str(h.label) for h in holders() if h.retains(person)]
    changed = {h.key: h.pseudonymise(person, pseudonym=pseudonym) for h in holders()}
    cleared = sorted(name for name in CLEARED if getattr(person, name) not in ("", None))
    for name, value in CLEARED.items():
        setattr(person, name, pseudonym if name == "name" else value)
    person.full_clean()
    person.save()
    erased = not retained_by
    record_event(
        actor=actor,
        action="institutions.person_erased" if erased else "institutions.person_pseudonymised",
        obj=person,  # its text is the pseudonym now
        changes={
            "alasan": [None, reason],
            "kolom_dikosongkan": [None, cleared],
            "baris_disamarkan": [None, {key: n for key, n in changed.items() if n}],
            "disimpan_karena": [None, retained_by],
        },
    )
    if erased:
        person.delete()
    return ErasureResult(erased, pseudonym, changed, retained_by)
