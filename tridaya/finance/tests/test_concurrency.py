"""Fifty people spending from the same KSM advance at once, on PostgreSQL (real row locks and
separate connections). SQLite takes one writer at a time, so the race cannot happen there."""

import threading

import pytest
from django.db import connection, connections
from django.db.models import Sum

from tridaya.core.errors import DomainError
from tridaya.finance.errors import FinanceError
from tridaya.finance.models import Account, Entry, Voucher
from tridaya.finance.tests.factories import advance, spend
from tridaya.regions.tests.factories import BAJUR, region

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks (DATABASE_URL)"
    ),
]

THREADS = 50
AMOUNT = 30_000
FUNDED = 1_000_000  # enough for 33 spends, not for 34


def test_fifty_concurrent_spends_never_overdraw_and_lose_nothing():
    village = region(BAJUR)
    account = advance(village, FUNDED)
    vouchers_before = Voucher.objects.filter(village=village).count()
    start = threading.Barrier(THREADS)
    outcomes: list[str | None] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        result: str | None
        try:
            start.wait()
            spend(village, account, AMOUNT, key=f"spend-{n}")
            result = "posted"
        except DomainError as error:
            result = error.code
        except Exception as error:  # a deadlock or lost update would show here
            result = repr(error)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    posted = outcomes.count("posted")
    assert posted == FUNDED // AMOUNT == 33
    assert outcomes.count(FinanceError.OVERDRAWN) == THREADS - posted, outcomes
    account.refresh_from_db()
    assert account.balance == FUNDED - posted * AMOUNT >= 0
    credits = Entry.objects.filter(account=account).aggregate(c=Sum("credit"))["c"]
    assert credits == posted * AMOUNT
    assert Entry.objects.filter(account=account, credit__gt=0).count() == posted
    numbers = list(
        Voucher.objects.filter(village=village).order_by("number").values_list("number", flat=True)
    )
    assert numbers == list(range(1, vouchers_before + posted + 1))
    assert Account.objects.get(pk=account.pk).balance == account.balance


RELEASES = 10


def test_concurrent_releases_to_one_activity_never_pass_its_tranche():
    """Ten BKM releases at once against a KSM tranche with room for four: four post, six are
    refused with the tranche's reason, the advance holds exactly what was released."""
    from tridaya.finance.errors import FinanceError as Codes
    from tridaya.finance.models import KsmRelease
    from tridaya.finance.services.proposals import ksm_release
    from tridaya.finance.tests.factories import DAY, receive_blm, released_activity

    village = region(BAJUR)
    # 5 juta x 100 = Rp 500 juta BLM; the KSM's first tranche is 60% = Rp 300 juta.
    activity = released_activity(village, 100_000_000)
    receive_blm(village, 600_000_000)
    start = threading.Barrier(RELEASES)
    outcomes: list[str] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        try:
            start.wait()
            ksm_release(actor=None, activity=activity, tranche=1, amount=50_000_000, date=DAY)
            result = "released"
        except DomainError as error:
            result = str(error.code)
        except Exception as error:  # a deadlock or lost update would show here
            result = repr(error)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(RELEASES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("released") == 4, outcomes
    assert outcomes.count(Codes.RELEASE_OVER_TRANCHE) == RELEASES - 4, outcomes
    total = KsmRelease.objects.filter(activity=activity).aggregate(t=Sum("amount"))["t"]
    assert total == 300_000_000
    advance = Account.objects.get(village=village, purpose="ksm_advance")
    assert advance.balance == 300_000_000
