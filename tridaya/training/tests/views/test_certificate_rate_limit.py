import pytest


@pytest.mark.django_db
def test_certificate_code_guessing_is_limited(client, settings):
    settings.TRIDAYA_RATE_LIMITS = {**settings.TRIDAYA_RATE_LIMITS, "certificate_check": 3}
    for attempt in range(3):
        assert client.get(f"/sertifikat/TEBAK-{attempt}/").status_code == 404
    refused = client.get("/sertifikat/TEBAK-9/")
    assert refused.status_code == 429
    assert "Coba lagi dalam" in refused.content.decode()
