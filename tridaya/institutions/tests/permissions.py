"""The permission matrix rules of institutions: who may read and write each route (see
tridaya/core/tests/permission_matrix.py)."""

from tridaya.core.tests.permission_matrix import PUBLIC, Route, pk_of
from tridaya.institutions.models import (
    KSM,
    BKMMember,
    KPPMember,
    KSMMember,
    Person,
    PokjaMember,
    TIPPMember,
    UPStaff,
)


def person(v):
    return {"pk": pk_of(Person, village_id=v)}


def ksm(v):
    return {"pk": pk_of(KSM, village_id=v)}


def bkm_member(v):
    return {"pk": pk_of(BKMMember, bkm__village_id=v)}


def up_staff(v):
    return {"pk": pk_of(UPStaff, unit__village_id=v)}


def tipp_member(v):
    return {"pk": pk_of(TIPPMember, tipp__village_id=v)}


def pokja_member(v):
    return {"pk": pk_of(PokjaMember, pokja__village_id=v)}


def ksm_member(v):
    return {"pk": pk_of(KSMMember, ksm__village_id=v)}


def kpp_member(v):
    return {"pk": pk_of(KPPMember, kpp__village_id=v)}


RULES: dict[str, Route] = {
    "api-bkm": Route(PUBLIC, "institutions.manage"),
    "api-bkm-elections": Route(PUBLIC, "institutions.manage"),
    "api-bkm-member": Route(None, "institutions.manage", params=bkm_member),
    "api-bkm-members": Route(None, "institutions.manage"),
    "api-kpp-member": Route(None, "institutions.manage", params=kpp_member),
    "api-kpp-members": Route(None, "institutions.manage"),
    "api-kpps": Route(PUBLIC, "institutions.manage"),
    "api-ksm-member": Route(None, "institutions.manage", params=ksm_member),
    "api-ksm-members": Route(None, "institutions.manage", params=ksm),
    "api-ksms": Route(PUBLIC, "institutions.manage"),
    "api-people": Route("cycle.sign", "institutions.manage"),
    "api-person": Route("cycle.sign", "institutions.manage", params=person),
    "api-pokja-member": Route(None, "institutions.manage", params=pokja_member),
    "api-pokja-members": Route(None, "institutions.manage"),
    "api-pokjas": Route(PUBLIC, "institutions.manage"),
    "api-tipp": Route(PUBLIC, "institutions.manage"),
    "api-tipp-member": Route(None, "institutions.manage", params=tipp_member),
    "api-tipp-members": Route(None, "institutions.manage"),
    "api-up-staff": Route(None, "institutions.manage"),
    "api-up-staff-member": Route(None, "institutions.manage", params=up_staff),
    "api-up-units": Route(PUBLIC, "institutions.manage"),
    "institutions:bkm": Route("institutions.view", "institutions.manage"),
    "institutions:chart": Route("institutions.view", "institutions.view"),
    "institutions:election_create": Route("institutions.manage", "institutions.manage"),
    "institutions:kpp_create": Route("institutions.manage", "institutions.manage"),
    "institutions:kpps": Route("institutions.view", "institutions.manage"),
    "institutions:ksm_create": Route("institutions.manage", "institutions.manage"),
    "institutions:ksm_edit": Route("institutions.manage", "institutions.manage", params=ksm),
    "institutions:ksms": Route("institutions.view", "institutions.manage"),
    "institutions:nik_access": Route(
        "institutions.view_nik_access", "institutions.view_nik_access", params=person
    ),
    "institutions:personal_data": Route(
        "institutions.export_personal_data", "institutions.export_personal_data", params=person
    ),
    "institutions:personal_data_erase": Route(
        None, "institutions.erase_personal_data", params=person
    ),
    "institutions:personal_data_export": Route(
        None, "institutions.export_personal_data", params=person
    ),
    "institutions:people": Route("institutions.view_people", "institutions.view_people"),
    "institutions:person_create": Route("institutions.manage", "institutions.manage"),
    "institutions:person_edit": Route("institutions.manage", "institutions.manage", params=person),
    "institutions:pokjas": Route("institutions.view", "institutions.manage"),
    "institutions:tipp": Route("institutions.view", "institutions.manage"),
    "institutions:up_units": Route("institutions.view", "institutions.manage"),
}
