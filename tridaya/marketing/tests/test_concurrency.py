"""Partners committing to the same activity at once, on PostgreSQL (real row locks, separate
connections): the activity is never committed beyond its cost, no commitment is lost, and no
two commitments deadlock. SQLite takes one writer at a time, so the race cannot happen there."""

import threading

import pytest
from django.db import connection, connections

from tridaya.core.errors import DomainError
from tridaya.marketing.errors import MarketingError
from tridaya.marketing.models import Pledge, PledgeState
from tridaya.marketing.selectors import funding_gaps
from tridaya.marketing.tests import factories as f
from tridaya.regions.tests.factories import BAJUR, region

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks (DATABASE_URL)"
    ),
]

THREADS = 12
AMOUNT = 10_000
# The row costs 100,000: 40,000 BLM and 10,000 swadaya leave room for 5 commitments of 10,000.
ROOM = 100_000 - 40_000 - 10_000


def _race(pledges: list[Pledge]) -> list[str]:
    start = threading.Barrier(len(pledges))
    outcomes: list[str] = []
    lock = threading.Lock()

    def worker(pledge: Pledge) -> None:
        result: str
        try:
            start.wait()
            f.commit(pledge)
            result = "committed"
        except DomainError as error:
            result = str(error.code)
        except Exception as error:  # a deadlock or lost update would show here
            result = repr(error)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=worker, args=(p,)) for p in pledges]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_concurrent_commitments_never_exceed_the_cost_and_never_deadlock():
    village = region(BAJUR)
    _version, rows = f.legalised_rplp(village, rows=1)
    row = rows[0]
    partners = [f.partner(village, name=f"Dinas Mitra Bajur {n}") for n in range(3)]
    pledges = [f.pledge(village, row, partners[n % 3], amount=AMOUNT) for n in range(THREADS)]

    outcomes = _race(pledges)

    committed = outcomes.count("committed")
    assert committed == ROOM // AMOUNT == 5, outcomes
    assert outcomes.count(MarketingError.OVER_COMMITTED) == THREADS - committed, outcomes
    states = list(Pledge.objects.filter(investment_row=row).values_list("state", flat=True))
    assert states.count(PledgeState.COMMITTED) == committed
    assert states.count(PledgeState.PLEDGED) == THREADS - committed
    funding = funding_gaps(village.code).row(f"row-{row.pk}").funding
    assert funding.committed == ROOM and funding.gap == 0
