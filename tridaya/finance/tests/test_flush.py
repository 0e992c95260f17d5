"""`manage.py flush` (what transactional tests run at teardown) empties the ledger and leaves
its append-only guards in place."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from tridaya.finance.models import Entry, Voucher
from tridaya.finance.tests.factories import receive_blm
from tridaya.regions.tests.factories import BAJUR, region

pytestmark = pytest.mark.django_db(transaction=True)


def test_flush_empties_the_ledger_and_keeps_its_guards():
    receive_blm(region(BAJUR), 1_000)
    call_command("flush", interactive=False, verbosity=0)
    assert not Voucher.objects.exists() and not Entry.objects.exists()
    receive_blm(region(BAJUR), 1_000)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM finance_entry")
    assert Entry.objects.count() == 2
