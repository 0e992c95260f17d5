"""API fuzzing (schemathesis) against the app in-process over WSGI, on a database seeded with the
demo villages. The database is the one DATABASE_URL names (scripts/test.sh and `make fuzz` point it
at a file of its own under var/): migrated and seeded once (seed_demo skips a demo already seeded
from the same sources), and every operation's cases run inside a transaction that is rolled back,
so the demo stays as seeded for the next operation and the next run."""

from __future__ import annotations

import pytest
from django.core import signals
from django.core.management import call_command
from django.db import close_old_connections

BKM_USERNAME = "bkm.bajur"


@pytest.fixture(scope="session")
def django_db_setup(django_db_blocker):
    """The configured database itself (not a test copy): migrated and seeded with the demo."""
    with django_db_blocker.unblock():
        call_command("migrate", verbosity=0)
        _seed_demo()


def _seed_demo() -> None:
    from tridaya.core import demo
    from tridaya.regions import demo as regions_demo
    from tridaya.regions.models import Region

    if demo.seed_in_place():
        return
    if not Region.objects.filter(code__in=regions_demo.DEMO_VILLAGES).exists():
        # The demo villages and their parents only (the full official import takes minutes).
        from tridaya.regions.tests.factories import region

        for code in regions_demo.DEMO_VILLAGES:
            region(code)
    call_command("seed_demo", verbosity=0)


@pytest.fixture(scope="session", autouse=True)
def _keep_connection_across_requests():
    """The WSGI handler closes the connection after each request when it is inside a
    transaction (as Django's test client prevents too): keep it, or the rollback is lost."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(scope="session")
def bkm_token(django_db_setup, django_db_blocker) -> str:
    from rest_framework.authtoken.models import Token

    from tridaya.accounts.models import User

    with django_db_blocker.unblock():
        token, _created = Token.objects.get_or_create(user=User.objects.get(username=BKM_USERNAME))
        return token.key


def pytest_terminal_summary(terminalreporter):
    from fuzz.tally import TALLY

    if TALLY.statuses:
        terminalreporter.write_line(f"schemathesis: {TALLY.summary()}")
