"""Training certificates as PDF: what the certificate says, its list of modules with the total
lesson hours, the verification code and address, and the refusal of incomplete data."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from tridaya.documents.certificate import (
    CertificateData,
    CertificateModule,
    Signer,
    certificate_context,
    certificate_pdf,
    date_range_id,
)


def data(**overrides) -> CertificateData:
    values = {
        "holder_name": "Baiq Siti Rahmawati",
        "holder_role": "UPK · Kasir · Desa Bajur",
        "training_title": "Pelatihan Dasar PLPBK bagi BKM, UP-UP dan Aparat Desa Bajur",
        "organiser": "BKM Bajur Bersatu",
        "place": "Aula Kantor Desa Bajur, Desa Bajur",
        "starts_on": dt.date(2026, 4, 7),
        "ends_on": dt.date(2026, 4, 10),
        "modules": [
            CertificateModule("Konsep PLPBK dan Tridaya", 4),
            CertificateModule("Pendanaan BLM: pencairan, penggunaan dan LPJ", 6),
        ],
        "number": "001/SERT-PLPBK/0007/IV/2026",
        "verification_code": "7K2M-QX4P-9DRT",
        "verify_url": "https://tridaya.example/sertifikat/7K2MQX4P9DRT/",
        "issued_place": "Bajur",
        "issued_on": dt.date(2026, 4, 10),
        "signers": [Signer("Koordinator BKM Bajur Bersatu", "H. Ahmad Hakim")],
        **overrides,
    }
    return CertificateData(**values)


def text_of(content: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (dt.date(2026, 4, 7), dt.date(2026, 4, 7), "7 April 2026"),
        (dt.date(2026, 4, 7), dt.date(2026, 4, 10), "7-10 April 2026"),
        (dt.date(2026, 3, 28), dt.date(2026, 4, 2), "28 Maret-2 April 2026"),
        (dt.date(2026, 12, 30), dt.date(2027, 1, 2), "30 Desember 2026-2 Januari 2027"),
    ],
)
def test_date_ranges_read_the_indonesian_way(start, end, expected):
    assert date_range_id(start, end) == expected


def test_the_certificate_says_who_completed_what_when_and_where():
    pages = text_of(certificate_pdf(data()))
    assert len(pages) == 2
    first = pages[0]
    assert "SERTIFIKAT" in first and "Nomor: 001/SERT-PLPBK/0007/IV/2026" in first
    assert "Baiq Siti Rahmawati" in first
    assert (
        "telah mengikuti dan menyelesaikan Pelatihan Dasar PLPBK bagi BKM, UP-UP dan Aparat Desa "
        "Bajur yang diselenggarakan oleh BKM Bajur Bersatu pada 7-10 April 2026 di Aula Kantor "
        "Desa Bajur, Desa Bajur, dengan beban belajar 10 JPL."
    ) in first
    assert "Bajur, 10 April 2026" in first and "H. Ahmad Hakim" in first
    assert "https://tridaya.example/sertifikat/7K2MQX4P9DRT/" in first
    assert "7K2M-QX4P-9DRT" in first


def test_the_second_page_lists_the_modules_and_their_total():
    second = text_of(certificate_pdf(data()))[1]
    assert "Materi pelatihan" in second
    assert "1 Konsep PLPBK dan Tridaya 4" in second
    assert "2 Pendanaan BLM: pencairan, penggunaan dan LPJ 6" in second
    assert "Jumlah 10" in second


def test_a_revoked_copy_says_so_and_the_organiser_clause_is_optional():
    context = certificate_context(data(revoked=True, organiser=""))
    assert context["revoked"] and "diselenggarakan" not in context["statement"]
    assert "DICABUT" in text_of(certificate_pdf(data(revoked=True)))[0]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("holder_name", " "),
        ("number", ""),
        ("modules", []),
        ("modules", [CertificateModule("X", -1)]),
        ("ends_on", dt.date(2026, 4, 1)),
    ],
)
def test_incomplete_data_is_refused(field, value):
    with pytest.raises(ValueError):
        data(**{field: value})
