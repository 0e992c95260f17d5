"""The planning admin changes nothing around the services: every model but the document outlines
is read-only, and an outline is saved through `outline_save` (checked and audited)."""

from __future__ import annotations

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from tridaya.accounts.models import Role
from tridaya.accounts.tests.factories import user_with_role
from tridaya.core.models import AuditEvent
from tridaya.planning.models import DocumentOutline, Plan, PlanKind, PriorityRound
from tridaya.planning.outlines import active_outline
from tridaya.planning.services.plans import outline_save
from tridaya.regions.tests.factories import BAJUR

pytestmark = pytest.mark.django_db

CHAPTERS = [{"key": "inti", "title": "Ringkasan", "blocks": ["vision_mission"]}]


def test_reading_the_active_outline_writes_nothing():
    outline = active_outline(PlanKind.RTPLP)
    assert outline.pk is None and outline.version == 1 and outline.chapters
    assert not DocumentOutline.objects.exists()


def test_an_outline_saved_in_the_admin_goes_through_the_service_and_is_audited():
    admin_user = user_with_role(Role.NATIONAL_ADMIN, None, is_staff=True)
    request = RequestFactory().post("/admin/")
    request.user = admin_user
    model_admin = site._registry[DocumentOutline]
    outline = DocumentOutline(kind=PlanKind.RPLP, version=2, name="Ringkas", chapters=CHAPTERS)
    model_admin.save_model(request, outline, form=None, change=False)
    event = AuditEvent.objects.get(action="planning.outline_saved")
    assert event.changes["chapters"] == [None, CHAPTERS]
    outline.is_active = False
    model_admin.save_model(request, outline, form=None, change=True)
    last = AuditEvent.objects.filter(action="planning.outline_saved").order_by("-id").first()
    assert last.changes == {"is_active": [True, False]}
    assert active_outline(PlanKind.RPLP).version == 1
    assert not model_admin.has_delete_permission(request, outline)


def test_only_the_national_admin_may_save_an_outline():
    tipp = user_with_role(Role.TIPP, BAJUR)
    outline = DocumentOutline(kind=PlanKind.RPLP, version=2, name="Ringkas", chapters=CHAPTERS)
    with pytest.raises((PermissionDenied, Http404)):
        outline_save(actor=tipp, outline=outline)
    assert not DocumentOutline.objects.exists()


@pytest.mark.parametrize("model", [Plan, PriorityRound])
def test_plans_and_rounds_are_read_only_in_the_admin(model):
    request = RequestFactory().get("/admin/")
    request.user = user_with_role(Role.NATIONAL_ADMIN, None, is_staff=True, is_superuser=True)
    model_admin = site._registry[model]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
