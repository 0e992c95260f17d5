"""The five PLPBK stages, used by the navigation and the cycle guide page. The cycle engine
(later) holds the full template of steps; this is only what the shell shows."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Stage:
    slug: str
    number: int
    title: Promise
    summary: Promise


STAGES = (
    Stage(
        "persiapan",
        1,
        _("Persiapan"),
        _(
            "Sosialisasi, Rembug Kesiapan Masyarakat dengan berita acara komitmen, "
            "pembentukan TIPP, dan pelatihan BKM, UP-UP, TIPP serta aparat kelurahan/desa."
        ),
    ),
    Stage(
        "perencanaan",
        2,
        _("Perencanaan partisipatif"),
        _(
            "Refleksi persoalan kritis, pemetaan swadaya, visi, prioritas, kawasan prioritas, "
            "RPLP lima tahun, uji publik, legalisasi, lalu RTPLP untuk kawasan prioritas."
        ),
    ),
    Stage(
        "pemasaran",
        3,
        _("Pemasaran"),
        _(
            "Strategi pemasaran dan penggalangan komitmen pendanaan dari warga, Pemda, program "
            "sektor, CSR dan donor di luar BLM."
        ),
    ),
    Stage(
        "pelaksanaan",
        4,
        _("Pelaksanaan pembangunan"),
        _(
            "BLM dicairkan bertahap; KSM atau panitia mengerjakan, warga mengawasi; laporan "
            "kemajuan, penggunaan dana (LPJ) dan audit."
        ),
    ),
    Stage(
        "keberlanjutan",
        5,
        _("Keberlanjutan"),
        _(
            "Serah terima kepada KPP, operasi dan pemeliharaan, pemeriksaan keberlanjutan dan "
            "evaluasi."
        ),
    ),
)
