"""The accounts admin writes roles through the services, outside Django admin's own
transaction (the services are durable): the user form and its role lines are saved together,
a changed or deleted assignment goes through the service, and a bulk delete is all or none."""

import pytest
from django.contrib.auth.models import Permission

from tridaya.accounts import services
from tridaya.accounts.models import Role, RoleAssignment, User
from tridaya.accounts.tests.factories import UserFactory, user_with_role
from tridaya.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _user_data(user, roles, delete=(), first_name="Baiq"):
    data = {
        "username": user.username,
        "first_name": first_name,
        "last_name": user.last_name,
        "email": "",
        "phone": "",
        "is_active": "on",
        "date_joined_0": "2026-01-05",
        "date_joined_1": "08:00:00",
        "role_assignments-TOTAL_FORMS": str(len(roles)),
        "role_assignments-INITIAL_FORMS": str(sum(1 for r in roles if r.pk)),
        "role_assignments-MIN_NUM_FORMS": "0",
        "role_assignments-MAX_NUM_FORMS": "1000",
    }
    for i, role in enumerate(roles):
        prefix = f"role_assignments-{i}-"
        data.update({prefix + "id": role.pk or "", prefix + "user": user.pk})
        data.update({prefix + "role": role.role, prefix + "region": role.region_id or ""})
        if role in delete:
            data[prefix + "DELETE"] = "on"
    return data


def test_the_user_and_their_role_lines_are_saved_together(admin_client, bajur):
    user = UserFactory()
    old = services.role_assign(actor=None, user=user, role=Role.RESIDENT, region=bajur)
    new = RoleAssignment(role=Role.BKM, region=bajur)
    response = admin_client.post(
        f"/admin/accounts/user/{user.pk}/change/", _user_data(user, [old, new], delete=[old])
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert User.objects.get(pk=user.pk).first_name == "Baiq"
    assert list(user.role_assignments.values_list("role", flat=True)) == [Role.BKM]
    assert AuditEvent.objects.filter(action="accounts.role_revoked").count() == 1


def test_a_refused_role_line_saves_nothing_of_the_form(client, bajur):
    coordinator = user_with_role(Role.CITY_COORDINATOR, "52.01", is_staff=True)
    coordinator.user_permissions.set(
        Permission.objects.filter(
            codename__in=["view_user", "change_user", "add_roleassignment", "change_roleassignment"]
        )
    )
    client.force_login(coordinator)
    user = UserFactory(first_name="Lalu")
    url = f"/admin/accounts/user/{user.pk}/change/"
    resident = RoleAssignment(role=Role.RESIDENT, region=bajur)
    response = client.post(url, _user_data(user, [resident], first_name="Lalu"))
    assert response.status_code == 302  # a role within the coordinator's rank is given
    resident = user.role_assignments.get()
    above_own_rank = RoleAssignment(role=Role.NATIONAL_ADMIN, region=None)
    response = client.post(url, _user_data(user, [resident, above_own_rank]))
    assert response.status_code == 403
    assert User.objects.get(pk=user.pk).first_name == "Lalu"
    assert list(user.role_assignments.all()) == [resident]


def test_changing_an_assignment_revokes_the_old_and_gives_the_new(admin_client, bajur):
    user = UserFactory()
    assignment = services.role_assign(actor=None, user=user, role=Role.RESIDENT, region=bajur)
    response = admin_client.post(
        f"/admin/accounts/roleassignment/{assignment.pk}/change/",
        {"user": user.pk, "role": Role.BKM, "region": bajur.pk},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(user.role_assignments.values_list("role", flat=True)) == [Role.BKM]


def test_the_delete_view_revokes_through_the_service(admin_client, bajur):
    assignment = services.role_assign(
        actor=None, user=UserFactory(), role=Role.RESIDENT, region=bajur
    )
    url = f"/admin/accounts/roleassignment/{assignment.pk}/delete/"
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert AuditEvent.objects.get(action="accounts.role_revoked").region_code == bajur.code


def test_the_bulk_delete_revokes_all_in_one_service(admin_client, bajur):
    assignments = [
        services.role_assign(actor=None, user=UserFactory(), role=Role.RESIDENT, region=bajur)
        for _ in range(2)
    ]
    response = admin_client.post(
        "/admin/accounts/roleassignment/",
        {
            "action": "delete_selected",
            "post": "yes",
            "_selected_action": [a.pk for a in assignments],
        },
    )
    assert response.status_code == 302
    assert not RoleAssignment.objects.exists()
    assert AuditEvent.objects.filter(action="accounts.role_revoked").count() == 2
