"""The certificate check and revocation through the API."""

import pytest
from rest_framework.test import APIClient

from tridaya.accounts.tests.factories import user_with_role
from tridaya.institutions.tests.factories import people
from tridaya.training.models import Certificate
from tridaya.training.tests.factories import enrol, training

pytestmark = pytest.mark.django_db


def test_certificate_check_by_code(api, bajur):
    t = training(bajur, ("konsep_plpbk",))
    [p] = enrol(t, people(bajur, 1), "bkm")
    api.put(
        f"/api/v1/trainings/{t.pk}/sessions/{t.sessions.get().pk}/attendance/",
        {"present": [p.pk]},
        format="json",
    )
    api.post(f"/api/v1/trainings/{t.pk}/close/")
    certificate = Certificate.objects.get()
    public = APIClient()
    data = public.get(f"/api/v1/certificates/{certificate.display_code.lower()}/").json()
    assert data["status"] == "valid" and data["holder_name"] == p.name
    assert public.get("/api/v1/certificates/0000-0000-0000/").status_code == 404
    assert public.post(f"/api/v1/certificates/{certificate.code}/revoke/", {}).status_code == 401
    officer = APIClient()
    officer.force_authenticate(user_with_role("city_coordinator", "52.01"))
    response = officer.post(
        f"/api/v1/certificates/{certificate.code}/revoke/",
        {"reason": "Sertifikat diterbitkan atas nama yang salah."},
        format="json",
    )
    assert response.json()["status"] == "revoked"
    assert public.get(f"/api/v1/certificates/{certificate.code}/").json()["status"] == "revoked"
