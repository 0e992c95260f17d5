"""The Django admin never deletes around the services: every registered model either refuses
deletes, or routes them through a service (which checks the policy and writes the audit event).
A new admin registration without one of these fails here."""

import pytest
from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin, ModelAdmin
from django.test import RequestFactory

# Not Tridaya's data and not audited: login lockouts (deleting one unlocks a user), API tokens
# (deleting one revokes it), permission groups.
OUTSIDE_THE_AUDIT = {
    "axes.accessattempt",
    "axes.accessfailurelog",
    "axes.accesslog",
    "authtoken.tokenproxy",
    "auth.group",
}


class Superuser:
    is_active = is_staff = is_superuser = True
    pk = 1

    def has_perm(self, *args, **kwargs):
        return True


@pytest.fixture
def request_as_superuser():
    request = RequestFactory().get("/admin/")
    request.user = Superuser()
    return request


def routes_deletes_through_a_service(model_admin: ModelAdmin) -> bool:
    own = type(model_admin).__dict__
    return "delete_model" in own and "delete_queryset" in own


def inline_deletes_go_through_a_service(model_admin: ModelAdmin) -> bool:
    """The parent's own save_formset or save_related hands deleted inline rows to a service."""
    parent = type(model_admin)
    return (
        parent.save_formset is not ModelAdmin.save_formset
        or parent.save_related is not ModelAdmin.save_related
    )


def label(model) -> str:
    return model._meta.label_lower


@pytest.mark.django_db
def test_admin_deletes_are_refused_or_go_through_a_service(request_as_superuser):
    offenders = []
    for model, model_admin in admin.site._registry.items():
        if label(model) in OUTSIDE_THE_AUDIT:
            continue
        if model_admin.has_delete_permission(request_as_superuser) and not (
            routes_deletes_through_a_service(model_admin)
        ):
            offenders.append(label(model))
        if inline_deletes_go_through_a_service(model_admin):
            continue
        for inline in model_admin.get_inline_instances(request_as_superuser):
            if _inline_deletes(inline, request_as_superuser):
                offenders.append(f"{label(model)} > {label(inline.model)}")
    assert offenders == [], offenders


def _inline_deletes(inline: InlineModelAdmin, request) -> bool:
    return bool(inline.can_delete and inline.has_delete_permission(request))


@pytest.mark.django_db
def test_a_user_is_deactivated_not_deleted(admin_client, django_user_model):
    user = django_user_model.objects.create_user("pergi", password="x")
    response = admin_client.post(f"/admin/accounts/user/{user.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert django_user_model.objects.filter(pk=user.pk).exists()
