"""The OpenAPI document (/api/docs/): operations grouped by app (one tag per app, with a link
back to the app's pages) and an Indonesian summary on every operation.

A summary given with `@extend_schema(summary=...)` wins; otherwise it is built from the path:
the last literal segment is either an action (`.../pledges/{id}/commit/` -> "Jadikan komitmen
janji dukungan") or a resource, whose verb follows the method and whether the path ends with an
identifier (`GET .../households/` -> "Daftar rumah tangga", `PATCH .../households/{id}/` ->
"Ubah rumah tangga"). A segment missing from the tables below leaves the operation without a
summary, which `tridaya/core/tests/test_api_schema.py` refuses. Only strings live here, so
`core` still imports no later app."""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema

# app label -> (tag, what it covers, the page to go back to, what that page is)
APP_TAGS: dict[str, tuple[str, str, str, str]] = {
    "accounts": ("Akun", "Token API dan akun pengguna.", "/akun/", "Akun saya"),
    "regions": (
        "Wilayah",
        "Wilayah Kemendagri (provinsi sampai desa/kelurahan), profil desa, RW/RT dan riwayat.",
        "/wilayah/",
        "Cari wilayah",
    ),
    "institutions": (
        "Lembaga",
        "BKM, UP-UP, TIPP, Pokja, KSM, KPP, warga dan pemilihan BKM. Di aplikasi: "
        "`/wilayah/<kode desa>/lembaga/`.",
        "/wilayah/",
        "Cari desa, lalu buka Lembaga",
    ),
    "cycle": (
        "Siklus PLPBK",
        "Siklus desa: tahap, langkah, gerbang, tanda tangan dan rapat (rembug). Di aplikasi: "
        "`/wilayah/<kode desa>/siklus/`.",
        "/siklus/",
        "Panduan tahap PLPBK",
    ),
    "training": (
        "Pelatihan",
        "Kurikulum, pelatihan, peserta, nilai, sertifikat dan peta kapasitas. Di aplikasi: "
        "`/wilayah/<kode desa>/pelatihan/`.",
        "/wilayah/",
        "Cari desa, lalu buka Pelatihan",
    ),
    "mapping": (
        "Pemetaan swadaya",
        "Rumah tangga, survei, masalah dan potensi, lapisan peta, profil RT dan skor kumuh. "
        "Di aplikasi: `/wilayah/<kode desa>/pemetaan/`.",
        "/wilayah/",
        "Cari desa, lalu buka Pemetaan swadaya",
    ),
    "planning": (
        "Perencanaan",
        "Prioritas, kawasan, rencana (RPLP, RTPLP) dan versinya, RAB dan daftar harga. "
        "Di aplikasi: `/wilayah/<kode desa>/perencanaan/`.",
        "/wilayah/",
        "Cari desa, lalu buka Perencanaan",
    ),
    "marketing": (
        "Pemasaran",
        "Mitra, sumber dana, prospektus, janji dukungan dan kesenjangan pendanaan. "
        "Di aplikasi: `/wilayah/<kode desa>/pemasaran/`.",
        "/wilayah/",
        "Cari desa, lalu buka Pemasaran",
    ),
    "finance": (
        "Keuangan",
        "Rekening, voucher, buku kas, pencairan (PP-BLM) dan LPJ. Di aplikasi: "
        "`/wilayah/<kode desa>/keuangan/`.",
        "/wilayah/",
        "Cari desa, lalu buka Keuangan",
    ),
    "works": (
        "Pembangunan",
        "Paket pekerjaan dan laporan kemajuan lapangan. Di aplikasi: "
        "`/wilayah/<kode desa>/pembangunan/`.",
        "/wilayah/",
        "Cari desa, lalu buka Pembangunan",
    ),
    "dashboards": (
        "Dasbor",
        "Angka program dari desa sampai nasional.",
        "/dasbor/",
        "Dasbor nasional",
    ),
}

# segment -> noun (Indonesian nouns have no plural: one word for the list and for one item)
NOUNS: dict[str, str] = {
    "allocations": "alokasi BLM",
    "audits": "audit tahunan",
    "cash-plan": "rencana penggunaan dana (RPD)",
    "periods": "periode pembukuan",
    "price-surveys": "survei harga",
    "proposals": "proposal KSM",
    "purchases": "pembelian",
    "releases": "penyaluran dana ke KSM",
    "swadaya": "swadaya",
    "asset": "aset",
    "checks": "pemeriksaan keberfungsian",
    "iuran": "iuran pemanfaat",
    "maintenance": "pemeliharaan",
    "om-plans": "rencana O&P",
    "beneficiaries": "penerima manfaat",
    "handled": "volume kumuh tertangani",
    "handover": "serah terima aset (BAST)",
    "schedule": "jadwal pekerjaan",
    "accounts": "rekening",
    "activities": "kegiatan",
    "attendance": "kehadiran",
    "audit-events": "riwayat perubahan",
    "ballots": "suara",
    "bkm": "BKM",
    "capacity": "peta kapasitas",
    "certificates": "sertifikat",
    "contacts": "kontak mitra",
    "criteria": "kriteria",
    "curricula": "kurikulum",
    "cycle": "siklus desa",
    "dasbor": "angka dasbor",
    "diff": "perbandingan versi",
    "elections": "pemilihan BKM",
    "entries": "laporan kemajuan",
    "feedback": "tanggapan",
    "follow-ups": "rencana tindak lanjut",
    "funding-gaps": "kesenjangan pendanaan",
    "funding-sources": "sumber dana",
    "households": "rumah tangga",
    "impact": "dampak harga",
    "items": "butir",
    "kas-umum": "Buku Kas Umum",
    "kawasan": "kawasan",
    "kpp": "KPP",
    "ksm": "KSM",
    "layers": "lapisan peta",
    "findings": "temuan audit",
    "lpjs": "LPJ",
    "map": "peta desa",
    "marketing-summary": "ringkasan pemasaran",
    "meetings": "rapat",
    "members": "anggota",
    "options": "pilihan",
    "packages": "paket pekerjaan",
    "participants": "peserta",
    "partners": "mitra",
    "people": "warga",
    "plans": "rencana",
    "pledges": "janji dukungan",
    "pokja": "Pokja",
    "price-lists": "daftar harga",
    "priority-rounds": "putaran prioritas",
    "problems": "masalah dan potensi",
    "profile": "profil desa",
    "programs": "program",
    "prospectuses": "prospektus",
    "rab": "RAB",
    "regions": "wilayah",
    "requests": "permintaan pencairan",
    "results": "hasil",
    "rt-profiles": "profil RT",
    "scores": "nilai",
    "sessions": "sesi",
    "signoffs": "tanda tangan",
    "slum-criteria": "kriteria kumuh",
    "slum-scores": "skor kumuh",
    "staff": "pengurus",
    "steps": "langkah",
    "summary": "ringkasan",
    "survey-imports": "impor survei",
    "taxes": "pajak",
    "tipp": "TIPP",
    "token": "token API",
    "totals": "jumlah keuangan",
    "training-summary": "ringkasan pelatihan",
    "trainings": "pelatihan",
    "units": "RW dan RT",
    "up-units": "UP-UP",
    "versions": "versi",
    "vouchers": "voucher",
}

# segment -> verb of an action on what the path names before it
ACTIONS: dict[str, str] = {
    "submit": "Ajukan",
    "verify": "Verifikasi",
    "cancel": "Batalkan",
    "choose": "Tetapkan sebagai prioritas",
    "close": "Tutup",
    "commit": "Jadikan komitmen",
    "complete": "Selesaikan",
    "decision": "Putuskan",
    "deposit": "Catat setor",
    "documents": "Simpan kelengkapan dokumen",
    "import": "Impor",
    "open": "Buka",
    "realise": "Catat realisasi",
    "recompute": "Hitung ulang indikator",
    "reopen": "Buka kembali",
    "return": "Kembalikan sisa dana",
    "reverse": "Buat jurnal pembalik",
    "revert": "Kembalikan status",
    "revoke": "Cabut",
    "status": "Ubah status",
    "transitions": "Ubah status",
    "unchoose": "Batalkan penetapan",
    "withdraw": "Tarik",
}

# Segments that only scope a path (the village or region it is about, a folder of an app).
SCOPES = {"api", "v1", "villages", "wilayah", "auth", "finance", "books", "works"}

LIST_VERBS = {"get": "Daftar", "post": "Tambah", "put": "Simpan", "patch": "Ubah"}
ITEM_VERBS = {"get": "Lihat", "put": "Simpan", "patch": "Ubah", "delete": "Hapus"}
# A resource that is one thing per parent (a village's profile, a map, a summary).
SINGLE = {
    "asset",
    "cash-plan",
    "handover",
    "schedule",
    "bkm",
    "capacity",
    "cycle",
    "dasbor",
    "diff",
    "impact",
    "kas-umum",
    "map",
    "marketing-summary",
    "profile",
    "results",
    "summary",
    "tipp",
    "totals",
    "training-summary",
    "attendance",
    "criteria",
    "scores",
}
SINGLE_VERBS = {"get": "Lihat", "post": "Catat", "put": "Simpan", "patch": "Ubah"}
SPECIAL = {
    ("post", "/api/v1/auth/token/"): "Minta token API dengan nama pengguna dan sandi",
    ("post", "/api/v1/villages/{code}/cycle/"): "Daftarkan desa ke program (mulai siklus)",
    ("post", "/api/v1/villages/{code}/kawasan/derive/"): (
        "Turunkan kandidat kawasan dari putaran prioritas"
    ),
    ("post", "/api/v1/villages/{code}/cycle/steps/{step_code}/override/"): (
        "Lewati gerbang langkah (keputusan tertulis korkot)"
    ),
}


def _literals(path: str) -> list[str]:
    return [part for part in path.strip("/").split("/") if part and not part.startswith("{")]


def _qualifier(literals: list[str], skip: int) -> str:
    """The nearest resource before the last `skip` literal segments ("pelatihan" in
    `/trainings/{id}/participants/`), or "" when there is none."""
    for segment in reversed(literals[: len(literals) - skip]):
        if segment in NOUNS and segment not in SCOPES and segment != "regions":
            return NOUNS[segment]
    return ""


def summary_for(method: str, path: str) -> str | None:
    """The Indonesian summary of one operation, or None when a segment is not in the tables."""
    method = method.lower()
    if (method, path) in SPECIAL:
        return SPECIAL[(method, path)]
    literals = _literals(path)
    if not literals:
        return None
    last = literals[-1]
    if last in ACTIONS:
        target = _qualifier(literals, 1)
        return f"{ACTIONS[last]} {target}".strip() if target else None
    noun = NOUNS.get(last)
    if noun is None:
        return None
    item = path.rstrip("/").endswith("}") and not path.rstrip("/").endswith(last)
    verbs = ITEM_VERBS if item else (SINGLE_VERBS if last in SINGLE else LIST_VERBS)
    verb = verbs.get(method)
    if verb is None:
        return None
    if verb == "Daftar" and noun.startswith("daftar "):
        verb = "Lihat semua"
    owner = _qualifier(literals, 1)
    if not owner or owner.split()[0] in noun.split():  # "pemilihan BKM", not "... BKM BKM"
        return f"{verb} {noun}"
    return f"{verb} {noun} {owner}"


def app_label(module: str) -> str:
    """`tridaya.mapping.api.households` -> `mapping`."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "tridaya" else ""


class TridayaAutoSchema(AutoSchema):
    def get_tags(self) -> list[str]:
        tags = super().get_tags()
        module = type(self.view).__module__
        label = "accounts" if module.startswith("rest_framework.authtoken") else app_label(module)
        if label in APP_TAGS:
            return [APP_TAGS[label][0]]
        return tags

    def get_summary(self) -> str | None:
        return super().get_summary() or summary_for(self.method, self.path)


def add_app_tags(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict:
    """Postprocessing hook: each app's group, in dependency order, with its description and a
    link back to the app's page."""
    result["tags"] = [
        {
            "name": name,
            "description": f"{description} Halaman di aplikasi: [{link_text}]({url}).",
            "externalDocs": {"description": link_text, "url": url},
        }
        for name, description, url, link_text in APP_TAGS.values()
    ]
    return result


# Every error the API answers, whatever the operation: a JSON object with `detail` (one message)
# or the fields' messages (`{"name": ["Wajib diisi."]}`, `non_field_errors`, `codes`).
ERROR_COMPONENT = "Error"
ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": (
        "Kesalahan: `detail` berisi satu pesan, atau setiap isian yang salah berisi daftar "
        "pesannya (`non_field_errors` untuk kesalahan yang tidak terkait satu isian; `codes` "
        "berisi kode kesalahan yang dapat dipakai program)."
    ),
    "properties": {
        "detail": {"type": "string"},
        "non_field_errors": {"type": "array", "items": {"type": "string"}},
        "codes": {"type": "array", "items": {"type": "string"}},
    },
    "additionalProperties": True,
    "minProperties": 1,
}
ERROR_RESPONSES = {
    "400": "Permintaan tidak valid: pesan per isian atau `detail`.",
    "401": "Belum masuk: kirim token (`Authorization: Token ...`) atau sesi.",
    "403": "Peran Anda tidak mengizinkan tindakan ini.",
    "404": "Data atau wilayah tidak ditemukan (atau di luar wilayah Anda).",
}
# Operations limited per client (tridaya/core/ratelimit.py): also 429.
RATE_LIMITED = {("post", "/api/v1/auth/token/")}
HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


def add_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict:
    """Postprocessing hook: the shared error schema and, on every operation, the error answers
    the API can give (400, 401, 403, 404; 429 where limited) unless the operation names them."""
    result.setdefault("components", {}).setdefault("schemas", {})[ERROR_COMPONENT] = ERROR_SCHEMA
    content = {"application/json": {"schema": {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}}}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in HTTP_METHODS:
                continue
            responses = operation.setdefault("responses", {})
            codes = dict(ERROR_RESPONSES)
            if (method, path) in RATE_LIMITED:
                codes["429"] = "Terlalu banyak permintaan: coba lagi setelah `Retry-After` detik."
            for code, description in codes.items():
                responses.setdefault(code, {"description": description, "content": content})
    return result
