import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tridaya.accounts.tests.factories import user_with_role
from tridaya.finance.models import Voucher
from tridaya.finance.tests.factories import opened
from tridaya.finance.tests.test_selectors_books import year_of_books
from tridaya.regions.tests.factories import BAJUR

pytestmark = pytest.mark.django_db


def api(name, *args):
    return reverse(name, args=[BAJUR, *args])


@pytest.fixture
def client():
    return APIClient()


@pytest.fixture
def books(bajur):
    return year_of_books(bajur)


@pytest.mark.parametrize(
    ("viewer", "totals", "books_status"),
    [
        ("national", 200, 200),
        ("regency", 200, 200),
        ("village_bkm", 200, 200),
        ("village_resident", 200, 403),
        (None, 200, 401),
    ],
)
def test_policy_matrix(client, users, books, viewer, totals, books_status):
    if viewer:
        client.force_authenticate(users[viewer])
    response = client.get(api("api-finance-totals"))
    assert response.status_code == totals
    assert set(response.json()) == {
        "received",
        "released_to_ksm",
        "spent",
        "swadaya",
        "returned",
        "cash_and_bank",
    }
    for name in ("api-finance-accounts", "api-finance-vouchers", "api-finance-cash-book"):
        assert client.get(api(name)).status_code == books_status


def test_outsider_gets_404(client, books, far_village):
    client.force_authenticate(user_with_role("upk", far_village.code))
    assert client.get(api("api-finance-vouchers")).status_code == 404


def test_post_voucher_once_per_idempotency_key(client, bajur):
    opened(bajur)
    client.force_authenticate(user_with_role("upk", BAJUR))
    payload = {
        "kind": "masuk",
        "date": "2026-03-10",
        "description": "Penerimaan BLM tahap I",
        "lines": [{"account": "1102", "debit": 700_000}, {"account": "4101", "credit": 700_000}],
    }
    first = client.post(
        api("api-finance-vouchers"), payload, format="json", HTTP_IDEMPOTENCY_KEY="abc-1"
    )
    again = client.post(
        api("api-finance-vouchers"), payload, format="json", HTTP_IDEMPOTENCY_KEY="abc-1"
    )
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["number"] == "BKM/2026/0001"
    assert Voucher.objects.count() == 1
    unbalanced = {
        **payload,
        "lines": [{"account": "1102", "debit": 5}, {"account": "4101", "credit": 4}],
    }
    response = client.post(api("api-finance-vouchers"), unbalanced, format="json")
    assert response.status_code == 400
    assert response.json()["codes"] == ["finance_unbalanced"]
    response = client.post(
        api("api-finance-vouchers"),
        {**payload, "lines": [{"account": "9999", "debit": 5}, {"account": "4101", "credit": 5}]},
        format="json",
    )
    assert response.status_code == 400 and "9999" in str(response.json())


def test_facilitator_may_not_post_and_reversal_by_bkm(client, books):
    client.force_authenticate(user_with_role("facilitator", BAJUR))
    payload = {
        "kind": "masuk",
        "date": "2026-03-10",
        "description": "x",
        "lines": [{"account": "1102", "debit": 5}, {"account": "4101", "credit": 5}],
    }
    assert client.post(api("api-finance-vouchers"), payload, format="json").status_code == 403
    voucher = Voucher.objects.filter(kind="keluar").first()
    body = {"date": "2026-05-01", "reason": "Nota ganda, sudah dibukukan sebelumnya"}
    assert client.post(api("api-finance-voucher-reverse", voucher.pk), body).status_code == 403
    client.force_authenticate(user_with_role("bkm", BAJUR))
    response = client.post(api("api-finance-voucher-reverse", voucher.pk), body)
    assert response.status_code == 201 and response.json()["reverses"] == voucher.pk


@pytest.mark.parametrize("months", [1, 5])
def test_voucher_list_and_cash_book_queries_are_fixed(
    client, bajur, months, django_assert_max_num_queries
):
    year_of_books(bajur, months)
    client.force_authenticate(user_with_role("bkm", BAJUR))
    with django_assert_max_num_queries(6):
        response = client.get(api("api-finance-vouchers") + "?year=2026")
    assert len(response.json()) == Voucher.objects.filter(year=2026).count()
    with django_assert_max_num_queries(6):
        book = client.get(api("api-finance-cash-book") + "?year=2026").json()
    assert book["closing"] == book["opening"] + book["total_debit"] - book["total_credit"]
    assert dt.date.fromisoformat(book["start"]).year == 2026


@pytest.mark.parametrize("year", ["abc", "²", "1999", str(2**63)])
@pytest.mark.parametrize("name", ["api-finance-vouchers", "api-finance-cash-book"])
def test_a_bad_year_is_a_400_naming_it(client, users, bajur, name, year):
    """A server error until the API fuzzer found it (`int()` on the query)."""
    client.force_authenticate(users["village_bkm"])
    response = client.get(api(name) + f"?year={year}")
    assert response.status_code == 400 and "year" in response.json()
