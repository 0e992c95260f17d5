"""Demo complaints of Desa Bajur in different states (received, in process at the facilitator,
resolved with a public answer, a BPKP finding). Idempotent: a complaint whose text is already
there is not added again."""

import datetime as dt

from django.utils import timezone

from tridaya.regions.demo import BAJUR
from tridaya.regions.models import Region

TEXTS = {
    "received": "Lampu jalan di gang RT 02 belum menyala sejak pekerjaan selesai.",
    "escalated": (
        "Papan informasi kegiatan di RT 03 belum dipasang, warga tidak tahu nilai pekerjaannya."
    ),
    "resolved": "Kapan rembug warga tahunan dan laporan keuangan BKM dibacakan?",
    "bpkp": "Temuan BPKP: bukti pembelian semen tahap 1 belum dilampiri nota toko.",
}


def seed(log) -> None:
    from tridaya.oversight import services
    from tridaya.oversight.models import Complaint

    village = Region.objects.filter(code=BAJUR).first()
    if village is None:
        return
    existing = set(Complaint.objects.filter(village=village).values_list("text", flat=True))
    start = timezone.now() - dt.timedelta(days=20)
    if TEXTS["received"] not in existing:
        services.complaint_submit(actor=None, village=village, text=TEXTS["received"])
    if TEXTS["escalated"] not in existing:
        c = services.complaint_submit(
            actor=None, village=village, text=TEXTS["escalated"], now=start
        )
        services.complaint_classify(
            actor=None, complaint=c, klass="masalah", scope="administrasi", field="L", now=start
        )
        services.complaint_escalate(
            actor=None,
            complaint=c,
            reason="BKM belum menanggapi dalam batas waktu yang ditetapkan.",
            now=start + dt.timedelta(days=15),
        )
    if TEXTS["resolved"] not in existing:
        c = services.complaint_submit(
            actor=None, village=village, text=TEXTS["resolved"], name="Warga RT 01", now=start
        )
        services.complaint_classify(
            actor=None,
            complaint=c,
            klass="informatif",
            kind="pertanyaan",
            scope="administrasi",
            field="S",
            now=start,
        )
        services.complaint_close(
            actor=None,
            complaint=c,
            resolved=True,
            note=(
                "RWT diadakan 15 Desember di balai desa; laporan keuangan dibacakan dan "
                "ditempel di kantor BKM."
            ),
            now=start + dt.timedelta(days=2),
        )
    if TEXTS["bpkp"] not in existing:
        services.audit_finding_record(
            actor=None, village=village, text=TEXTS["bpkp"], scope="keuangan"
        )
    log(f"oversight: {Complaint.objects.filter(village=village).count()} pengaduan di Desa Bajur")
