"""The finance admin shows the ledger and never changes it."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tridaya.finance.models import Voucher
from tridaya.finance.tests.factories import receive_blm

pytestmark = pytest.mark.django_db


def test_vouchers_are_listed_and_shown_but_never_added_changed_or_deleted(client, bajur):
    voucher = receive_blm(bajur, 650_000)
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x-Secret-12")
    client.force_login(admin)
    listing = client.get(reverse("admin:finance_voucher_changelist"))
    assert listing.status_code == 200 and voucher.display_number in listing.content.decode()
    page = client.get(reverse("admin:finance_voucher_change", args=[voucher.pk]))
    assert page.status_code == 200 and "650000" in page.content.decode().replace(".", "")
    assert client.get(reverse("admin:finance_voucher_add")).status_code == 403
    assert (
        client.post(reverse("admin:finance_voucher_delete", args=[voucher.pk])).status_code == 403
    )
    assert Voucher.objects.filter(pk=voucher.pk).exists()
