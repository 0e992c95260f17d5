"""Labels of every audit action this app writes (registered from policy.py)."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

AUDIT_ACTIONS: dict[str, str | Promise] = {
    "works.package_created": _("Paket pekerjaan dibuat"),
    "works.schedule_set": _("Jadwal mingguan paket diatur"),
    "works.reporter_added": _("Pelapor KSM ditetapkan"),
    "works.report_recorded": _("Laporan lapangan dicatat"),
    "works.progress_drafted": _("Progres fisik dicatat (draf)"),
    "works.photo_added": _("Foto progres ditambahkan"),
    "works.progress_submitted": _("Progres fisik diajukan"),
    "works.progress_returned": _("Progres fisik dikembalikan"),
    "works.progress_approved": _("Progres fisik disetujui"),
    "works.quality_rated": _("Mutu pekerjaan dinilai"),
    "works.handed_over": _("Serah terima aset (BAST)"),
    "works.om_plan_saved": _("Rencana O&P KPP disimpan"),
    "works.check_recorded": _("Pemeriksaan keberfungsian dicatat"),
    "works.maintenance_logged": _("Pemeliharaan dicatat"),
    "works.iuran_recorded": _("Iuran pemanfaat dicatat"),
    "works.handled_recorded": _("Volume tertangani dicatat"),
}
