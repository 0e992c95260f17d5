"""Open data: the list of villages of a region and a village's public page as CSV and JSON, with
the same figures as the pages (parsed back here), the licence, the source and the generation
time, UTF-8 with a byte order mark for Excel, cached for a minute, no personal data."""

import csv
import io
import json
import re
from decimal import Decimal

from django.urls import reverse

from tridaya.core.formats import format_percent, format_rupiah
from tridaya.oversight import opendata, selectors
from tridaya.oversight.tests.test_public import personal_values
from tridaya.oversight.tests.test_public_villages import DISTRICT, _block, _figure
from tridaya.regions.models import Level, Region
from tridaya.regions.tests.factories import BAJUR


def parse_csv(content: bytes) -> tuple[str, list[dict]]:
    assert content.startswith(b"\xef\xbb\xbf")  # the byte order mark: Excel reads UTF-8
    text = content.decode("utf-8-sig")
    first, rest = text.split("\r\n", 1)
    return first, list(csv.DictReader(io.StringIO(rest)))


def test_the_list_downloads_carry_the_lists_figures_and_the_licence(
    client, demo, django_assert_num_queries
):
    villages = Region.objects.filter(parent_id=DISTRICT, level=Level.VILLAGE)
    html = client.get(reverse("oversight:public_villages", args=[DISTRICT])).content.decode()
    assert reverse("oversight:public_villages_data", args=[DISTRICT, "csv"]) in html
    assert reverse("oversight:public_villages_data", args=[DISTRICT, "json"]) in html
    url = reverse("oversight:public_villages_data", args=[DISTRICT, "csv"])
    # Region, villages, then one query per owner: allocations, ledger, packages, complaints.
    with django_assert_num_queries(6):
        response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(
        rf'attachment; filename="desa-publik-{re.escape(DISTRICT)}-\d{{8}}\.csv"',
        response["Content-Disposition"],
    )
    assert 'rel="license"' in response["Link"]
    first, rows = parse_csv(response.content)
    assert first.startswith("# Lisensi: CC BY 4.0") and "Sumber: Tridaya" in first
    assert "," not in first and '"' not in first  # one cell, read as a comment
    assert "Dibuat: " in first
    assert list(rows[0]) == list(opendata.VILLAGE_COLUMNS)
    assert [r["kode"] for r in rows] == sorted(v.code for v in villages)
    for row in rows:
        block = _block(html, row["kode"])
        assert row["desa"] in block
        assert _figure(block, "allocation") == format_rupiah(int(row["alokasi_blm"]))
        assert _figure(block, "received") == format_rupiah(int(row["dana_diterima"]))
        assert _figure(block, "spent") == format_rupiah(int(row["dibelanjakan"]))
        progress = row["kemajuan_fisik_persen"]
        assert _figure(block, "progress") == (
            format_percent(Decimal(progress)) if progress else "-"
        )
        assert _figure(block, "open-complaints") == row["pengaduan_terbuka"]
    bajur = next(r for r in rows if r["kode"] == BAJUR)
    assert int(bajur["dana_diterima"]) > 0 and int(bajur["pengaduan_terbuka"]) >= 1
    # Again: from the cache, no query, the same bytes.
    with django_assert_num_queries(0):
        assert client.get(url).content == response.content

    json_url = reverse("oversight:public_villages_data", args=[DISTRICT, "json"])
    # The CSV's queries and the region's complaint statistics.
    with django_assert_num_queries(7):
        response = client.get(json_url)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].endswith('.json"')
    data = json.loads(response.content)
    assert data["licence"] == opendata.LICENCE and data["source"].startswith("Tridaya")
    assert data["generated"] and data["as_of"]
    assert data["region"] == {"code": DISTRICT, "name": Region.objects.get(code=DISTRICT).name}
    as_json = [{k: "" if v is None else str(v) for k, v in r.items()} for r in data["villages"]]
    assert as_json == rows
    stats = selectors.complaint_stats(DISTRICT)
    assert (
        data["complaints"]["received"]
        == stats.received
        == sum(r["received"] for r in data["complaints"]["kelas"])
    )
    unclassified = data["complaints"]["kelas"][-1]
    assert unclassified["key"] == "belum"
    table = html[html.index("data-complaint-breakdown") :]
    cell = table[table.index('data-breakdown="kelas"') :]
    cell = cell[cell.index('data-row="belum"') :]
    assert f'data-count="received">{unclassified["received"]}<' in cell
    # Nothing personal in either download.
    secrets = personal_values()
    assert len(secrets) > 10
    for content in (response.content, client.get(url).content):
        text = content.decode("utf-8-sig")
        assert not sorted(s for s in secrets if s in text)
    assert not {"nik", "name", "contact", "phone"} & set(data["villages"][0])


def test_a_province_list_download_names_each_villages_kecamatan(client, demo):
    province = BAJUR.split(".")[0]
    response = client.get(reverse("oversight:public_villages_data", args=[province, "csv"]))
    _first, rows = parse_csv(response.content)
    bajur = next(r for r in rows if r["kode"] == BAJUR)
    assert bajur["kecamatan"] == Region.objects.get(code=DISTRICT).name
    for code, fmt in ((BAJUR, "csv"), ("99.99", "json"), (DISTRICT, "xlsx")):
        url = reverse("oversight:public_villages_data", args=[code, fmt])
        assert client.get(url).status_code == 404, (code, fmt)


def test_the_village_downloads_have_the_complaint_breakdown_and_are_cached(
    client, demo, django_assert_num_queries
):
    url = reverse("oversight:public_data", args=[BAJUR, "csv"])
    response = client.get(url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    first, rows = parse_csv(response.content)
    assert first.startswith("# Lisensi: CC BY 4.0")
    stats = selectors.complaint_stats(BAJUR)
    found = {(r["bagian"], r["butir"]): r["nilai"] for r in rows}
    assert found[("pengaduan", "received")] == str(stats.received)
    assert found[("pengaduan_kelas", "belum / received")] == str(stats.by_class[-1].counts.received)
    total = sum(
        int(v)
        for (s, i), v in found.items()
        if s == "pengaduan_bidang" and i.endswith("/ received")
    )
    assert total == stats.received
    # The village is read (as for the cached page: it and its time zone), then the download
    # comes from the cache.
    with django_assert_num_queries(2):
        assert client.get(url).content == response.content
    data = json.loads(client.get(reverse("oversight:public_data", args=[BAJUR, "json"])).content)
    assert data["licence"] == opendata.LICENCE and data["village"]["code"] == BAJUR
    assert data["source"] and data["generated"]
