import inspect

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404

from tridaya.accounts.tests.factories import user_with_role
from tridaya.core.errors import DomainError
from tridaya.core.models import AuditEvent
from tridaya.cycle import services
from tridaya.cycle.errors import CycleError
from tridaya.cycle.models import AttendanceMode, SignOffKind, StepStatus
from tridaya.cycle.services import AttendeeInput
from tridaya.cycle.tests.factories import enrolled, meeting_input
from tridaya.regions.tests.factories import BAJUR


@pytest.fixture
def people(bajur, terong_tawah):
    return {
        "bkm": user_with_role("bkm", BAJUR, first_name="Sahnan", last_name="BKM"),
        "aparat": user_with_role("village_apparatus", BAJUR),
        "fasilitator": user_with_role("facilitator", BAJUR),
        "korkot": user_with_role("city_coordinator", "52.01"),
        "warga": user_with_role("resident", BAJUR),
        "other_bkm": user_with_role("bkm", "52.01.08.2007"),
    }


@pytest.fixture
def step(bajur):
    return enrolled(bajur).steps.get(code="sosialisasi")


def sign_all(step, people):
    services.signoff_give(actor=people["bkm"], step=step, kind=SignOffKind.SUBMITTED)
    services.signoff_give(actor=people["aparat"], step=step, kind=SignOffKind.ACKNOWLEDGED)
    services.signoff_give(actor=people["fasilitator"], step=step, kind=SignOffKind.VERIFIED)


@pytest.mark.django_db
def test_enrolment_opens_the_first_step_only(bajur):
    cycle = enrolled(bajur)
    statuses = list(cycle.steps.values_list("status", flat=True))
    assert statuses[0] == StepStatus.OPEN and set(statuses[1:]) == {StepStatus.LOCKED}
    with pytest.raises(DomainError) as exc:
        enrolled(bajur)
    assert exc.value.code == CycleError.ALREADY_ENROLLED


@pytest.mark.django_db
def test_signoffs_go_in_order_and_only_by_the_template_roles(step, people):
    with pytest.raises(DomainError) as exc:
        services.signoff_give(actor=people["fasilitator"], step=step, kind=SignOffKind.VERIFIED)
    assert exc.value.code == CycleError.SIGNOFF_OUT_OF_ORDER
    assert "Diserahkan oleh" in exc.value.messages[0]

    with pytest.raises(DomainError) as exc:
        services.signoff_give(actor=people["aparat"], step=step, kind=SignOffKind.SUBMITTED)
    assert exc.value.code == CycleError.SIGNOFF_ROLE

    first = services.signoff_give(actor=people["bkm"], step=step, kind=SignOffKind.SUBMITTED)
    assert (first.signer_name, first.role) == ("Sahnan BKM", "bkm")
    with pytest.raises(DomainError) as exc:
        services.signoff_give(actor=people["bkm"], step=step, kind=SignOffKind.SUBMITTED)
    assert exc.value.code == CycleError.SIGNOFF_EXISTS


@pytest.mark.django_db
def test_residents_and_other_villages_cannot_sign(step, people):
    with pytest.raises(PermissionDenied):
        services.signoff_give(actor=people["warga"], step=step, kind=SignOffKind.SUBMITTED)
    with pytest.raises(Http404):
        services.signoff_give(actor=people["other_bkm"], step=step, kind=SignOffKind.SUBMITTED)


@pytest.mark.django_db
def test_completion_refuses_failing_gates_with_the_reasons(step, people):
    sign_all(step, people)
    with pytest.raises(DomainError) as exc:
        services.step_complete(actor=people["fasilitator"], step=step)
    assert exc.value.code == CycleError.GATES_FAILING
    assert "Belum ada Lokakarya" in exc.value.messages[0]


@pytest.mark.django_db
def test_completion_needs_all_three_signoffs_then_opens_the_next_step(step, people):
    services.meeting_record(
        actor=people["fasilitator"],
        village=step.cycle.village,
        step=step,
        data=meeting_input(kind="lokakarya"),
    )
    services.signoff_give(actor=people["bkm"], step=step, kind=SignOffKind.SUBMITTED)
    with pytest.raises(DomainError) as exc:
        services.step_complete(actor=people["fasilitator"], step=step)
    assert exc.value.code == CycleError.SIGNOFFS_MISSING
    assert "Diketahui oleh, Diverifikasi oleh" in exc.value.messages[0]

    services.signoff_give(actor=people["aparat"], step=step, kind=SignOffKind.ACKNOWLEDGED)
    services.signoff_give(actor=people["fasilitator"], step=step, kind=SignOffKind.VERIFIED)
    services.step_complete(actor=people["fasilitator"], step=step)

    step.refresh_from_db()
    following = step.cycle.steps.get(order=step.order + 1)
    assert step.status == StepStatus.DONE and following.status == StepStatus.OPEN
    assert AuditEvent.objects.filter(action="cycle.step_completed", region_code=BAJUR).exists()
    with pytest.raises(DomainError) as exc:
        services.step_complete(actor=people["fasilitator"], step=step)
    assert exc.value.code == CycleError.STEP_NOT_OPEN


@pytest.mark.django_db
def test_override_is_only_for_the_city_coordinator_needs_a_reason_and_is_audited(step, people):
    with pytest.raises(PermissionDenied):
        services.gate_override(actor=people["bkm"], step=step, reason="x" * 30)
    with pytest.raises(DomainError) as exc:
        services.gate_override(actor=people["korkot"], step=step, reason="karena")
    assert exc.value.code == CycleError.REASON_TOO_SHORT

    services.gate_override(
        actor=people["korkot"],
        step=step,
        reason="Lokakarya digabung dengan lokakarya kecamatan bulan lalu.",
    )
    event = AuditEvent.objects.get(action="cycle.gate_overridden")
    assert event.actor == people["korkot"]
    assert "Belum ada Lokakarya" in event.changes["failing_rules"][0][0]
    sign_all(step, people)
    services.step_complete(actor=people["fasilitator"], step=step)
    step.refresh_from_db()
    assert step.status == StepStatus.DONE


@pytest.mark.django_db
def test_withdrawing_goes_latest_first_needs_a_reason_and_is_audited(step, people):
    services.signoff_give(actor=people["bkm"], step=step, kind=SignOffKind.SUBMITTED)
    ack = services.signoff_give(actor=people["aparat"], step=step, kind=SignOffKind.ACKNOWLEDGED)
    first = step.signoffs.get(kind=SignOffKind.SUBMITTED)
    reason = "Jumlah peserta di berita acara salah ketik."
    with pytest.raises(DomainError) as exc:
        services.signoff_withdraw(actor=people["bkm"], signoff=first, reason=reason)
    assert exc.value.code == CycleError.SIGNOFF_LATER_EXISTS
    with pytest.raises(PermissionDenied):
        services.signoff_withdraw(actor=people["bkm"], signoff=ack, reason=reason)

    services.signoff_withdraw(actor=people["aparat"], signoff=ack, reason=reason)
    services.signoff_withdraw(actor=people["bkm"], signoff=first, reason=reason)
    assert not step.signoffs.filter(withdrawn_at__isnull=True).exists()
    assert AuditEvent.objects.filter(action="cycle.signoff_withdrawn").count() == 2
    again = services.signoff_give(actor=people["bkm"], step=step, kind=SignOffKind.SUBMITTED)
    assert again.pk != first.pk


@pytest.mark.django_db
def test_attendance_list_gives_the_counts(step, people):
    attendees = (
        AttendeeInput("Inaq Sinar", "P", is_poor=True),
        AttendeeInput("Amaq Rahman", "L", disabled=True),
        AttendeeInput("Baiq Nur", "P"),
    )
    meeting = services.meeting_record(
        actor=people["fasilitator"],
        village=step.cycle.village,
        step=step,
        data=meeting_input(
            kind="lokakarya",
            attendance_mode=AttendanceMode.LIST,
            attendees=attendees,
            men=99,
            women=99,
        ),
    )
    assert (meeting.men, meeting.women, meeting.poor, meeting.disabled) == (1, 2, 1, 1)
    assert meeting.attendees.count() == 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("counts", "message"),
    [
        ({"men": 5, "women": 5, "poor": 11}, "Jumlah warga miskin (11) melebihi jumlah peserta"),
        ({"men": 1, "women": 1, "disabled": 3}, "penyandang disabilitas (3) melebihi"),
    ],
)
def test_impossible_counts_are_refused_and_nothing_is_written(step, people, counts, message):
    data = meeting_input(kind="lokakarya", **{"poor": 0, "disabled": 0, **counts})
    with pytest.raises(DomainError) as exc:
        services.meeting_record(
            actor=people["fasilitator"], village=step.cycle.village, step=step, data=data
        )
    assert message in exc.value.messages[0]
    assert not step.meetings.exists()


@pytest.mark.django_db
def test_a_step_of_another_village_cannot_be_attached(step, people, terong_tawah):
    with pytest.raises(DomainError) as exc:
        services.meeting_record(
            actor=None, village=terong_tawah, step=step, data=meeting_input(kind="lokakarya")
        )
    assert exc.value.code == CycleError.STEP_ELSEWHERE


# The services a view, the API or the demo calls run in a durable transaction, so a caller
# composing two of them in one transaction fails at once instead of silently nesting them.


def _services():
    return [
        f
        for n, f in vars(services).items()
        if inspect.isfunction(f)
        and f.__module__ == services.__name__
        and not n.startswith("_")
        and "actor" in inspect.signature(f).parameters
    ]


@pytest.mark.parametrize("service", _services(), ids=lambda f: f.__name__)
def test_top_level_services_are_durable(service):
    atomics = [
        cell.cell_contents
        for cell in service.__closure__ or ()
        if isinstance(cell.cell_contents, transaction.Atomic)
    ]
    assert [a.durable for a in atomics] == [True]


@pytest.mark.django_db
def test_a_service_refuses_to_run_inside_another_transaction(step, people):
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        services.gate_override(actor=people["korkot"], step=step, reason="x" * 30)
    assert not AuditEvent.objects.filter(action="cycle.gate_overridden").exists()
