import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tridaya.accounts.models import Role, RoleAssignment
from tridaya.accounts.services import role_assign, role_revoke, user_create
from tridaya.accounts.tests.factories import UserFactory
from tridaya.core.errors import DomainError
from tridaya.core.models import AuditEvent
from tridaya.regions.tests.factories import BAJUR, region


@pytest.mark.django_db
def test_assign_is_audited_and_idempotent(users, bajur):
    target = UserFactory()
    actor = users["regency"]
    first = role_assign(actor=actor, user=target, role=Role.BKM, region=bajur)
    again = role_assign(actor=actor, user=target, role=Role.BKM, region=bajur)
    assert first.pk == again.pk
    event = AuditEvent.objects.get(action="accounts.role_assigned")
    assert (event.actor, event.region_code) == (actor, BAJUR)


@pytest.mark.django_db
def test_role_must_be_held_at_its_level(bajur):
    user = UserFactory()
    with pytest.raises(ValidationError) as exc:
        role_assign(actor=None, user=user, role=Role.BKM, region=region("52.01"))
    assert "harus dipegang pada tingkat Kelurahan/Desa" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        role_assign(actor=None, user=user, role=Role.NATIONAL_ADMIN, region=bajur)
    assert "berlaku nasional" in str(exc.value)
    assert not RoleAssignment.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_nobody_grants_outside_their_region_or_above_their_rank(users, bajur, far_village):
    target = UserFactory()
    with pytest.raises(PermissionDenied):
        role_assign(actor=users["regency"], user=target, role=Role.BKM, region=far_village)
    with pytest.raises(PermissionDenied):
        role_assign(
            actor=users["regency"], user=target, role=Role.PROVINCE_OFFICER, region=region("52")
        )
    with pytest.raises(PermissionDenied):
        role_assign(actor=users["village_bkm"], user=target, role=Role.UPK, region=bajur)
    assert role_assign(
        actor=users["province"], user=target, role=Role.CITY_COORDINATOR, region=region("52.01")
    )


@pytest.mark.django_db
def test_revoke_is_audited(users, bajur):
    assignment = role_assign(actor=None, user=UserFactory(), role=Role.TIPP, region=bajur)
    role_revoke(actor=users["national"], assignment=assignment)
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert AuditEvent.objects.filter(action="accounts.role_revoked", region_code=BAJUR).exists()


@pytest.mark.django_db
def test_usernames_are_unique_regardless_of_case():
    user_create(actor=None, username="BKM.Bajur", password="x-Sandi-123")
    with pytest.raises(DomainError) as exc:
        user_create(actor=None, username="bkm.bajur", password="x-Sandi-123")
    assert exc.value.code == "username_taken"
