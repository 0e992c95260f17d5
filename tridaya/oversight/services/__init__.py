"""Every write of the oversight app. Complaints (PPM) in `complaints`, their escalation in
`escalation`, residents' monitoring of works in `monitoring`; callers import from here."""

from tridaya.oversight.services.complaints import (
    audit_finding_record,
    complaint_classify,
    complaint_close,
    complaint_log,
    complaint_reopen,
    complaint_submit,
)
from tridaya.oversight.services.escalation import complaint_escalate, escalate_overdue
from tridaya.oversight.services.monitoring import monitoring_report

__all__ = [
    "audit_finding_record",
    "complaint_classify",
    "complaint_close",
    "complaint_escalate",
    "complaint_log",
    "complaint_reopen",
    "complaint_submit",
    "escalate_overdue",
    "monitoring_report",
]
