"""Labels of every audit action this app writes (registered from policy.py)."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

AUDIT_ACTIONS: dict[str, str | Promise] = {
    "oversight.complaint_received": _("Pengaduan diterima"),
    "oversight.complaint_classified": _("Pengaduan diklasifikasi"),
    "oversight.complaint_step": _("Penanganan pengaduan dicatat"),
    "oversight.complaint_escalated": _("Pengaduan dinaikkan ke tingkat berikutnya"),
    "oversight.complaint_closed": _("Pengaduan ditutup"),
    "oversight.complaint_reopened": _("Pengaduan dibuka kembali oleh pengadu"),
    "oversight.monitoring_reported": _("Laporan pemantauan warga dicatat"),
}
