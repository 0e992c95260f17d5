"""The proof of a tax deposit: the NTPN (16 letters and digits, DJP's format) and the photo or
scan of the Bukti Penerimaan Negara, checked by its content and size, stored under a random
name, linked from the voucher page and opened only by readers of the books."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tridaya.accounts.tests.factories import user_with_role
from tridaya.finance.errors import FinanceError
from tridaya.finance.services.procurement import tax_deposit_record, tax_line_add
from tridaya.finance.tests.factories import advance, receipt_png, spend
from tridaya.finance.tests.test_services_ledger import refused
from tridaya.regions.tests.factories import BAJUR, TERONG_TAWAH

pytestmark = pytest.mark.django_db
NTPN = "0A1B2C3D4E5F6071"


@pytest.fixture
def line(bajur, settings):
    settings.FINANCE_TAX_LINES = True
    payment = spend(bajur, advance(bajur, 5_000_000), 2_000_000)
    return tax_line_add(actor=None, voucher=payment, tax_type="PPh 22", base=2_000_000, rate=1)


def url(name, *args):
    return reverse(f"finance:{name}", args=[BAJUR, *args])


@pytest.mark.parametrize(
    "typed", ["0a1b2c3d4e5f6071", "0A1B 2C3D 4E5F 6071", "0A1B-2C3D-4E5F-6071"]
)
def test_an_ntpn_as_printed_is_kept_as_its_16_characters(line, typed):
    assert tax_deposit_record(actor=None, line=line, deposit_proof=typed).deposit_proof == NTPN


@pytest.mark.parametrize("typed", ["0A1B2C3D4E5F607", "0A1B2C3D4E5F60712", "0A1B2C3D4E5F60/1"])
def test_an_ntpn_of_the_wrong_form_is_refused_naming_the_format(line, typed):
    with refused(FinanceError.TAX_BAD) as caught:
        tax_deposit_record(actor=None, line=line, deposit_proof=typed)
    assert caught.error.field == "deposit_proof"
    assert "16 karakter huruf dan angka" in caught.error.messages[0]
    line.refresh_from_db()
    assert line.deposit_proof == "" and not line.deposit_evidence


def test_the_deposit_slip_is_accepted_linked_and_stored_under_a_random_name(client, users, line):
    client.force_login(users["village_bkm"])
    response = client.post(
        url("tax_deposit", line.pk),
        {"deposit_proof": NTPN, "deposit_evidence": receipt_png("BPN Budi Santoso.png")},
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.deposit_proof == NTPN and line.deposit_evidence.name.endswith(".png")
    assert "Budi" not in line.deposit_evidence.name
    page = client.get(url("voucher", line.voucher_id)).content.decode()
    assert NTPN in page and f'href="{line.deposit_evidence.url}"' in page
    assert "lihat Bukti Penerimaan Negara" in page


def test_a_slip_that_is_not_a_photo_or_pdf_is_refused_on_the_form(client, users, line):
    client.force_login(users["village_bkm"])
    fake = SimpleUploadedFile("bpn.png", b"MZ\x90\x00 not an image at all", "image/png")
    response = client.post(
        url("tax_deposit", line.pk), {"deposit_proof": NTPN, "deposit_evidence": fake}
    )
    assert response.status_code == 200
    line.refresh_from_db()
    assert line.deposit_proof == "" and not line.deposit_evidence


def test_a_slip_over_the_size_cap_is_refused_by_the_service(line, settings):
    settings.FINANCE_EVIDENCE_MAX_BYTES = 10
    with refused(FinanceError.EVIDENCE_TOO_LARGE) as caught:
        tax_deposit_record(
            actor=None, line=line, deposit_proof=NTPN, deposit_evidence=receipt_png()
        )
    assert caught.error.field == "deposit_evidence"
    line.refresh_from_db()
    assert line.deposit_proof == "" and not line.deposit_evidence


def test_a_slip_of_the_wrong_content_is_refused_by_the_api(client, users, line):
    client.force_login(users["village_bkm"])
    path = reverse("api-finance-tax-deposit", args=[BAJUR, line.pk])
    fake = SimpleUploadedFile("bpn.pdf", b"just some text, no PDF", "application/pdf")
    response = client.post(path, {"deposit_proof": NTPN, "deposit_evidence": fake})
    assert response.status_code == 400 and "deposit_evidence" in response.json()
    good = client.post(path, {"deposit_proof": NTPN, "deposit_evidence": receipt_png()})
    assert good.status_code == 200
    line.refresh_from_db()
    assert line.deposit_evidence.name.endswith(".png")


def test_only_readers_of_the_books_open_the_slip(client, line, terong_tawah):
    line = tax_deposit_record(
        actor=None, line=line, deposit_proof=NTPN, deposit_evidence=receipt_png()
    )
    path = line.deposit_evidence.url
    assert path.startswith("/berkas/")
    assert client.get(path).status_code == 404  # anonymous
    client.force_login(user_with_role("bkm", TERONG_TAWAH))
    assert client.get(path).status_code == 404  # another village
    client.force_login(user_with_role("resident", BAJUR))
    assert client.get(path).status_code == 403  # the village, without the right
    client.force_login(user_with_role("bkm", BAJUR))
    response = client.get(path)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
