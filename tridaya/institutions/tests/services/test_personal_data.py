"""A person's data rights (UU PDP): the export gathers the register row and every holder's rows;
erasure deletes a person nothing must keep, pseudonymises one that institutions' records refer
to, and audits who, when and why without the erased values."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tridaya.accounts.tests.factories import user_with_role
from tridaya.core.errors import DomainError
from tridaya.core.models import AuditEvent
from tridaya.institutions.errors import InstitutionError
from tridaya.institutions.models import KSMMember, Person
from tridaya.institutions.services.personal_data import person_data_export, person_erase
from tridaya.institutions.tests.factories import ksm_with, next_nik, person
from tridaya.regions.tests.factories import BAJUR, TERONG_TAWAH

pytestmark = pytest.mark.django_db
REASON = "Permintaan tertulis warga tanggal 3 Desember 2026, surat no. 12/PDP"


@pytest.fixture
def admin_user(db):
    return user_with_role("national_admin", None)


def test_the_export_holds_the_register_row_and_the_posts(bajur, admin_user):
    ksm = ksm_with(bajur)
    member = ksm.members.first().person
    member.nik, member.phone = next_nik(), "0812 3456 789"
    member.save()
    data = person_data_export(actor=admin_user, person=member)
    assert data["warga"]["NIK"] == member.nik and data["warga"]["Nomor HP"] == "0812 3456 789"
    posts = next(s for s in data["bagian"] if s["kunci"] == "institutions.posts")
    assert any(ksm.name in row["Catatan"] for row in posts["baris"])
    json.dumps(data, default=str)  # the JSON download serialises it as it is
    event = AuditEvent.objects.get(action="institutions.person_data_exported")
    assert event.actor == admin_user and member.nik not in json.dumps(event.changes)


def test_a_person_nothing_must_keep_is_deleted_and_the_audit_keeps_no_values(bajur, admin_user):
    nik = next_nik()
    someone = person(bajur, name="Siti Aminah", nik=nik, phone="081234567890")
    result = person_erase(actor=admin_user, person=someone, reason=REASON)
    assert result.erased and result.retained_by == []
    assert not Person.objects.filter(pk=someone.pk).exists()
    event = AuditEvent.objects.get(action="institutions.person_erased")
    text = json.dumps(event.changes) + event.object_repr
    assert "Siti" not in text and nik not in text and "081234567890" not in text
    assert event.changes["alasan"] == [None, REASON] and event.actor == admin_user
    assert event.object_repr == f"Warga terhapus #{someone.pk}"
    assert set(event.changes["kolom_dikosongkan"][1]) >= {"name", "nik", "phone"}


def test_a_ksm_member_is_pseudonymised_and_the_membership_keeps_its_reference(bajur, admin_user):
    ksm = ksm_with(bajur)
    membership = ksm.members.select_related("person").first()
    member = membership.person
    member.nik = next_nik()
    member.save()
    result = person_erase(actor=admin_user, person=member, reason=REASON)
    assert not result.erased and result.retained_by == ["Jabatan dan keanggotaan lembaga"]
    member.refresh_from_db()
    assert member.name == f"Warga terhapus #{member.pk}" and member.nik == "" and member.phone == ""
    assert KSMMember.objects.get(pk=membership.pk).person_id == member.pk
    assert AuditEvent.objects.filter(action="institutions.person_pseudonymised").count() == 1
    with pytest.raises(DomainError) as again:
        person_erase(actor=admin_user, person=member, reason=REASON)
    assert again.value.code == InstitutionError.ALREADY_ERASED


def test_erasure_needs_a_reason_and_the_right_role(bajur, terong_tawah):
    someone = person(bajur)
    with pytest.raises(DomainError) as short:
        person_erase(actor=user_with_role("national_admin", None), person=someone, reason="minta")
    assert short.value.code == InstitutionError.ERASE_REASON
    with pytest.raises(Http404):  # a neighbouring village's officer does not see the person
        person_erase(
            actor=user_with_role("facilitator", TERONG_TAWAH), person=someone, reason=REASON
        )
    with pytest.raises(PermissionDenied):  # the village's BKM sees them, may not erase
        person_erase(actor=user_with_role("bkm", BAJUR), person=someone, reason=REASON)
    with pytest.raises(PermissionDenied):
        person_data_export(actor=user_with_role("bkm", BAJUR), person=someone)
    assert Person.objects.filter(pk=someone.pk).exists()
