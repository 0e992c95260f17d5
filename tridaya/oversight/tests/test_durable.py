"""Top-level oversight services run in a durable transaction: a caller composing two of them in
one transaction fails at once (RuntimeError) instead of silently nesting them. The scheduled
escalation holds one durable transaction per complaint, so one bad complaint never rolls back
the others' escalation."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from tridaya.core.tests.durable import atomic_services
from tridaya.oversight import services
from tridaya.oversight.models import Complaint

MODULES = ["complaints", "escalation", "monitoring"]
SERVICES = atomic_services("tridaya.oversight.services", MODULES)


def test_the_services_are_found():
    assert sorted(name for name, _ in SERVICES) == [
        "complaints.audit_finding_record",
        "complaints.complaint_classify",
        "complaints.complaint_close",
        "complaints.complaint_log",
        "complaints.complaint_reopen",
        "complaints.complaint_submit",
        "escalation.complaint_escalate",
        "monitoring.monitoring_report",
    ]


@pytest.mark.parametrize(("name", "durable"), SERVICES, ids=lambda x: str(x))
def test_top_level_services_are_durable(name, durable):
    assert durable, name


@pytest.mark.django_db
def test_a_service_refuses_to_run_inside_another_transaction(bajur):
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        services.complaint_submit(
            actor=AnonymousUser(), village=bajur, text="Jalan rusak di RT 02."
        )
    assert not Complaint.objects.filter(village=bajur).exists()


@pytest.mark.django_db
def test_the_escalation_job_holds_its_own_transaction_per_complaint(bajur):
    month_ago = timezone.now() - dt.timedelta(days=30)
    complaint = services.complaint_submit(
        actor=AnonymousUser(), village=bajur, text="Jalan rusak di RT 02.", now=month_ago
    )
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        services.escalate_overdue()
    complaint.refresh_from_db()
    level = complaint.level
    assert services.escalate_overdue() == [complaint]  # overdue indeed: escalated at top level
    complaint.refresh_from_db()
    assert complaint.level > level
