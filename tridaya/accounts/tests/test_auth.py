import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.test import override_settings

from tridaya.accounts.tests.factories import UserFactory

PASSWORD = "rahasia-uji-123"


def test_argon2_hashes_passwords_outside_tests():
    production = [h for h in settings.PASSWORD_HASHERS if "MD5" not in h]
    assert production[0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=production):
        assert make_password("kata-sandi").startswith("argon2$")


@pytest.mark.django_db
def test_login_and_logout(client):
    user = UserFactory(username="bkm.uji")
    response = client.post("/akun/masuk/", {"username": "bkm.uji", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/akun/saya/").context["user"] == user
    client.post("/akun/keluar/")
    assert client.get("/akun/saya/").status_code == 302


@pytest.mark.django_db
def test_wrong_password_says_so_in_indonesian(client):
    UserFactory(username="bkm.uji")
    response = client.post("/akun/masuk/", {"username": "bkm.uji", "password": "salah"})
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in response.content.decode()


@pytest.mark.django_db
def test_lockout_after_repeated_failures_even_with_the_right_password(client):
    UserFactory(username="bkm.uji")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/akun/masuk/", {"username": "bkm.uji", "password": "salah"})
    response = client.post("/akun/masuk/", {"username": "bkm.uji", "password": PASSWORD})
    assert response.status_code == 429
    assert "Akun dikunci sementara" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_admin_unlock_lets_the_user_in_again(client):
    UserFactory(username="bkm.uji")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/akun/masuk/", {"username": "bkm.uji", "password": "salah"})
    AccessAttempt.objects.filter(username="bkm.uji").delete()  # what "unlock" in the admin does
    response = client.post("/akun/masuk/", {"username": "bkm.uji", "password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.django_db
def test_lockout_of_one_user_does_not_lock_another(client):
    UserFactory(username="bkm.uji")
    UserFactory(username="upk.uji")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/akun/masuk/", {"username": "bkm.uji", "password": "salah"})
    response = client.post("/akun/masuk/", {"username": "upk.uji", "password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.django_db
def test_password_change(client):
    user = UserFactory(username="bkm.uji")
    client.force_login(user)
    response = client.post(
        "/akun/kata-sandi/",
        {
            "old_password": PASSWORD,
            "new_password1": "Tridaya-Baru-2026!",
            "new_password2": "Tridaya-Baru-2026!",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Tridaya-Baru-2026!")


@pytest.mark.django_db
def test_my_account_lists_roles(client, users):
    client.force_login(users["village_bkm"])
    page = client.get("/akun/saya/").content.decode()
    assert "BKM" in page and "Desa Bajur" in page
