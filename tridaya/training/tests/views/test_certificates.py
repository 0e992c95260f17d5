"""The public check of a certificate's verification code."""

import pytest

from tridaya.training.models import (
    Certificate,
)
from tridaya.training.services.certificates import certificate_revoke

pytestmark = pytest.mark.django_db


def test_verification_page_valid_revoked_and_unknown(client, held):
    certificate = Certificate.objects.filter(participant__training=held).first()
    response = client.get(f"/sertifikat/{certificate.code}/")
    assert response.status_code == 200
    assert "Sertifikat sah dan berlaku." in response.content.decode()
    # As people type it: lower case, with dashes.
    response = client.get("/sertifikat/", {"kode": certificate.display_code.lower()})
    assert (
        response.status_code == 302 and response["Location"] == f"/sertifikat/{certificate.code}/"
    )
    certificate_revoke(
        actor=None, certificate=certificate, reason="Peserta tercatat hadir padahal tidak datang."
    )
    page = client.get(f"/sertifikat/{certificate.code}/").content.decode()
    assert "Sertifikat ini sudah dicabut." in page and "padahal tidak datang" in page
    response = client.get("/sertifikat/ZZZZ0000ZZZZ/")
    assert response.status_code == 404
    assert "Kode tidak dikenal." in response.content.decode()
