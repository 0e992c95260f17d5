"""A receipt is stored under a random name and opened only through the file view, after the
books' rule: 404 outside the viewer's villages (and for anonymous visitors), 403 for a role of
the village that may not read the books, the file itself for a reader; no /media/ URL."""

import io

import pytest
from PIL import Image

from tridaya.accounts.tests.factories import user_with_role
from tridaya.finance.models import VoucherKind
from tridaya.finance.services.ledger import Line, voucher_post
from tridaya.finance.tests.factories import DAY, advance, expense, receipt_png
from tridaya.regions.tests.factories import BAJUR, TERONG_TAWAH

pytestmark = pytest.mark.django_db


@pytest.fixture
def voucher(bajur):
    account = advance(bajur, 1_000)
    return voucher_post(
        actor=None,
        village=bajur,
        kind=VoucherKind.PAYMENT,
        date=DAY,
        description="Beli paku",
        lines=[Line(account=expense(bajur), debit=5), Line(account=account, credit=5)],
        evidence=receipt_png("Kuitansi Budi Santoso 0812.png"),
    )


def test_the_stored_name_is_random_and_the_link_goes_through_the_file_view(voucher):
    assert "Budi" not in voucher.evidence.name and "0812" not in voucher.evidence.name
    assert voucher.evidence.name.endswith(".png")
    assert voucher.evidence.url == f"/berkas/{voucher.evidence.name}"


def test_only_readers_of_the_books_open_a_receipt(client, voucher, terong_tawah):
    url = voucher.evidence.url
    assert client.get(url).status_code == 404  # anonymous: not even its existence
    client.force_login(user_with_role("bkm", TERONG_TAWAH))
    assert client.get(url).status_code == 404  # the neighbouring village's BKM
    client.force_login(user_with_role("resident", BAJUR))
    assert client.get(url).status_code == 403  # in the village, without the right
    client.force_login(user_with_role("bkm", BAJUR))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\x89PNG") and Image.open(io.BytesIO(body)).size == (4, 4)


def test_no_direct_media_url_serves_the_file(client, voucher):
    client.force_login(user_with_role("bkm", BAJUR))
    assert client.get(f"/media/{voucher.evidence.name}").status_code == 404
    assert client.get("/berkas/finance/tidak-ada.png").status_code == 404
