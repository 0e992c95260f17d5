import re

import pytest
from django.core import mail

from tridaya.accounts.tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary(bajur):
    user = user_with_role("bkm", bajur.code)
    user.email = "sekretaris@bajur.desa.id"
    user.set_password("lama-sekali-2026")
    user.save()
    return user


def test_login_page_offers_the_reset(client):
    assert "/akun/lupa-kata-sandi/" in client.get("/akun/masuk/").content.decode()


def test_a_reset_link_sets_a_new_password_once(client, secretary):
    response = client.post("/akun/lupa-kata-sandi/", {"email": secretary.email})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [secretary.email]
    link = re.search(r"http://testserver(/akun/atur-ulang/\S+/)", message.body).group(1)

    form = client.get(link, follow=True)
    assert "Buat kata sandi baru" in form.content.decode()
    new = {"new_password1": "baru-dan-panjang-77", "new_password2": "baru-dan-panjang-77"}
    done = client.post(form.redirect_chain[-1][0], new, follow=True)
    assert "Kata sandi diganti" in done.content.decode()
    secretary.refresh_from_db()
    assert secretary.check_password("baru-dan-panjang-77")
    # The link is spent.
    assert "tidak berlaku lagi" in client.get(link, follow=True).content.decode()


def test_unknown_address_gets_the_same_answer_and_no_mail(client, secretary):
    response = client.post("/akun/lupa-kata-sandi/", {"email": "orang-lain@contoh.id"})
    assert response.status_code == 302
    assert response["Location"] == "/akun/lupa-kata-sandi/terkirim/"
    assert mail.outbox == []


def test_reset_requests_are_limited_per_address(client, secretary, settings):
    settings.TRIDAYA_RATE_LIMITS = {**settings.TRIDAYA_RATE_LIMITS, "password_reset": 2}
    for _ in range(2):
        assert client.post("/akun/lupa-kata-sandi/", {"email": secretary.email}).status_code == 302
    refused = client.post("/akun/lupa-kata-sandi/", {"email": secretary.email})
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Terlalu banyak permintaan" in refused.content.decode()
    assert len(mail.outbox) == 2
    # Another address (another client) is not affected; reading the form is not counted.
    assert client.get("/akun/lupa-kata-sandi/").status_code == 200
    other = client.post(
        "/akun/lupa-kata-sandi/", {"email": secretary.email}, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302


def test_api_token_guesses_are_limited_with_a_json_answer(client, secretary, settings):
    settings.TRIDAYA_RATE_LIMITS = {**settings.TRIDAYA_RATE_LIMITS, "api_token": 3}
    wrong = {"username": secretary.username, "password": "tebakan"}
    for _ in range(3):
        assert client.post("/api/v1/auth/token/", wrong).status_code == 400
    refused = client.post("/api/v1/auth/token/", wrong)
    assert refused.status_code == 429
    assert "Coba lagi dalam" in refused.json()["detail"]
