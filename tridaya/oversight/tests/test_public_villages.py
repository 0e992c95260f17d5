"""The public lists of villages of a kecamatan, city/regency or province: each village with the
headline figures of its own public page, paginated, linked both ways, cached for anonymous
visitors on the whole query string."""

import re

from django.urls import reverse
from django.utils import timezone

from tridaya.core.formats import format_rupiah
from tridaya.oversight import public, selectors
from tridaya.oversight.tests.test_public import personal_values
from tridaya.regions.models import Level, Region
from tridaya.regions.tests.factories import BAJUR, region

DISTRICT = BAJUR.rsplit(".", 1)[0]


def _block(html: str, code: str) -> str:
    start = html.rindex("<a ", 0, html.index(f'data-village="{code}"'))
    return html[start : html.index("</a>", start)]


def _figure(block: str, name: str) -> str:
    found = re.search(rf'data-figure="{name}">([^<]*)<', block)
    assert found is not None, name
    return found.group(1)


def test_a_kecamatan_lists_its_villages_with_the_public_pages_headline_figures(client, demo):
    bajur = region(BAJUR)
    page = public.public_page(bajur)
    assert page.received and page.spent and page.packages  # the demo has money and works
    html = client.get(reverse("oversight:public_villages", args=[DISTRICT])).content.decode()
    block = _block(html, BAJUR)
    assert reverse("oversight:public", args=[BAJUR]) in block
    assert _figure(block, "allocation") == format_rupiah(page.allocation_total)
    assert _figure(block, "received") == format_rupiah(page.received)
    assert _figure(block, "spent") == format_rupiah(page.spent)
    assert _figure(block, "open-complaints") == str(page.complaints.open)
    assert page.complaints.open >= 1  # the fixture's complaint is open
    # The kecamatan's own complaint statistics (its villages taken together).
    region_stats = html[html.index("data-region-complaints") :].split("</p>", 1)[0]
    stats = selectors.complaint_stats(DISTRICT)
    assert f"Diterima {stats.received} · masih ditangani {stats.open}" in region_stats
    (row,) = public.village_headlines([bajur], as_of=timezone.localdate())
    weighted = sum(p["value"] * p["progress"] for p in page.packages) / sum(
        p["value"] for p in page.packages
    )
    assert round(row.progress, 2) == round(weighted, 2)
    # Every village of the kecamatan is listed, nothing personal is.
    villages = Region.objects.filter(parent_id=DISTRICT, level=Level.VILLAGE)
    assert all(f'data-village="{v.code}"' in html for v in villages)
    assert not [s for s in personal_values() if s in html]


def test_the_lists_are_linked_from_the_region_pages_and_the_village_page(client, demo):
    url = reverse("oversight:public_villages", args=[DISTRICT])
    assert url in client.get(reverse("regions:detail", args=[DISTRICT])).content.decode()
    assert url in client.get(reverse("oversight:public", args=[BAJUR])).content.decode()
    province = BAJUR.split(".")[0]
    html = client.get(reverse("oversight:public_villages", args=[province])).content.decode()
    # A province's list names each village's kecamatan.
    assert Region.objects.get(code=DISTRICT).name in _block(html, BAJUR)


def test_a_village_or_unknown_code_has_no_list(client, demo):
    for code in (BAJUR, "99.99"):
        response = client.get(reverse("oversight:public_villages", args=[code]))
        assert response.status_code == 404


def test_pages_of_the_list_are_cached_apart_and_read_in_a_fixed_number_of_queries(
    client, demo, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(public, "VILLAGES_PER_PAGE", 1)
    url = reverse("oversight:public_villages", args=[DISTRICT])
    codes = list(
        Region.objects.filter(parent_id=DISTRICT, level=Level.VILLAGE)
        .order_by("code")
        .values_list("code", flat=True)
    )
    assert len(codes) >= 2
    # Region, its ancestors, count, villages, allocations, ledger, packages, complaints, and
    # the region's complaint statistics.
    with django_assert_num_queries(9):
        first = client.get(url).content.decode()
    second = client.get(url, {"halaman": 2}).content.decode()
    assert f'data-village="{codes[0]}"' in first and f'data-village="{codes[1]}"' not in first
    assert f'data-village="{codes[1]}"' in second and f'data-village="{codes[0]}"' not in second
    assert "?halaman=2" in first
    # Again: each page from the cache, no query; still page 2 for ?halaman=2.
    with django_assert_num_queries(0):
        again = client.get(url, {"halaman": 2}).content.decode()
    assert f'data-village="{codes[1]}"' in again
