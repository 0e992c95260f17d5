"""Writes of trainings: planning one (with its sessions), changing and cancelling it."""

import datetime as dt
import importlib
import inspect

import pytest
from django.db import transaction

from tridaya.core.errors import DomainError
from tridaya.core.models import AuditEvent
from tridaya.training.errors import TrainingError
from tridaya.training.models import Training, TrainingSettings
from tridaya.training.services.follow_ups import follow_up_add
from tridaya.training.services.trainings import (
    training_cancel,
    training_create,
    training_update,
)
from tridaya.training.tests.factories import (
    CORE,
    curriculum,
    guest,
    training,
    training_input,
)

pytestmark = pytest.mark.django_db


def test_a_training_copies_the_programs_rules_so_later_changes_do_not_alter_it(bajur):
    settings = TrainingSettings.current()
    settings.pass_mark, settings.max_absence_pct = 65, 20
    settings.save()
    t = training(bajur)
    settings.pass_mark = 90
    settings.save()
    t.refresh_from_db()
    assert (t.pass_mark, t.max_absence_pct) == (65, 20)
    assert list(t.modules.order_by("order").values_list("code", flat=True)) == list(CORE)
    assert AuditEvent.objects.filter(action="training.created", object_id=str(t.pk)).exists()


def test_planned_sessions_follow_each_other_from_eight_and_spill_to_the_next_day(bajur):
    t = training(bajur)
    sessions = list(t.sessions.order_by("date", "start_time"))
    assert [s.module.code for s in sessions] == list(CORE)
    first, second, third = sessions[:3]
    assert (first.date, first.start_time, first.end_time) == (
        dt.date(2026, 4, 7),
        dt.time(8, 0),
        dt.time(11, 0),
    )
    assert (second.start_time, second.end_time) == (dt.time(11, 15), dt.time(14, 15))
    assert third.date == dt.date(2026, 4, 8) and third.start_time == dt.time(8, 0)
    assert all(s.date <= t.ends_on for s in sessions)


def test_a_training_is_for_a_village_or_a_kecamatan(bajur):
    regency = bajur.parent.parent
    with pytest.raises(DomainError) as error:
        training_create(actor=None, region=regency, curriculum=curriculum(), data=training_input())
    assert error.value.code == TrainingError.NOT_VILLAGE_OR_DISTRICT


def test_unknown_modules_and_no_modules_are_refused(bajur):
    with pytest.raises(DomainError, match="memasak") as error:
        training_create(
            actor=None,
            region=bajur,
            curriculum=curriculum(),
            data=training_input(("konsep_plpbk", "memasak")),
        )
    assert error.value.code == TrainingError.MODULE_NOT_IN_CURRICULUM
    with pytest.raises(DomainError) as error:
        training_create(actor=None, region=bajur, curriculum=curriculum(), data=training_input(()))
    assert error.value.code == TrainingError.NO_MODULES


def test_dropping_a_module_that_has_sessions_is_refused(bajur):
    t = training(bajur, ("konsep_plpbk", "peran_pelaku"))
    with pytest.raises(DomainError, match="Peran dan tanggung jawab pelaku") as error:
        training_update(actor=None, training=t, data=training_input(("konsep_plpbk",)))
    assert error.value.code == TrainingError.MODULE_IN_USE


def test_cancelling_needs_a_reason_and_stops_every_change(bajur):
    t = training(bajur, plan=False)
    training_cancel(actor=None, training=t, reason="Pelatihan digabung dengan pelatihan kecamatan.")
    with pytest.raises(DomainError) as error:
        guest(t)
    assert error.value.code == TrainingError.CANCELLED
    with pytest.raises(DomainError):
        follow_up_add(actor=None, training=t, action="x", owner="BKM", due_on=dt.date(2026, 5, 1))


SUBDOMAINS = ("trainings", "sessions", "participants", "results", "certificates", "follow_ups")


def _services():
    """Every top-level write of the training app: the public functions taking `actor`."""
    found = []
    for name in (*SUBDOMAINS, "curriculum"):
        module = importlib.import_module(f"tridaya.training.services.{name}")
        found += [
            f
            for n, f in vars(module).items()
            if inspect.isfunction(f)
            and f.__module__ == module.__name__
            and not n.startswith("_")
            and "actor" in inspect.signature(f).parameters
            and inspect.signature(f).parameters["actor"].kind == inspect.Parameter.KEYWORD_ONLY
        ]
    return found


def test_services_refuse_to_run_inside_another_transaction(bajur):
    """Top-level services are durable: a caller composing two of them in one transaction (as a
    view once did) fails at once instead of silently nesting them."""
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        training(bajur)
    assert not Training.objects.exists()


@pytest.mark.parametrize("service", _services(), ids=lambda f: f.__name__)
def test_every_service_is_durable(service):
    atomics = [
        cell.cell_contents
        for cell in service.__closure__ or ()
        if isinstance(cell.cell_contents, transaction.Atomic)
    ]
    assert [a.durable for a in atomics] == [True]
