"""Dashboard pages, XLSX and API: public, read only the aggregate tables, and answer in a
fixed number of queries whatever the number of villages."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tridaya.cycle.models import Step, StepStatus
from tridaya.cycle.tests.factories import enrolled
from tridaya.dashboards import services
from tridaya.mapping.tests.factories import household
from tridaya.mapping.tests.factories import with_survey_units as with_units
from tridaya.regions.models import VillageProfile
from tridaya.regions.tests.factories import region

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def without_tokens(html: str) -> str:
    return re.sub(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]*"', "", html)


def map_data(page) -> dict:
    html = page.content.decode()
    start = html.index('<script id="dash-map-data" type="application/json">')
    body = html[start:].split(">", 1)[1].split("</script>", 1)[0]
    return json.loads(body)


def _villages(n: int, district: str = "52.01.08") -> list:
    villages = []
    for i in range(n):
        village = region(f"{district}.{2101 + i}", f"Desa Uji {i}")
        VillageProfile.objects.update_or_create(
            village=village, defaults={"latitude": -8.6 - i / 100, "longitude": 116.1}
        )
        enrolled(village)
        villages.append(village)
    return villages


@pytest.fixture
def data(bajur, far_village):
    with_units(bajur)
    household(bajur, poor_criteria=10)
    household(bajur)
    services.rebuild_all()


def test_the_national_dashboard_shows_headline_cards_provinces_and_map_data(client, data):
    page = client.get(reverse("dashboards:national"), {"peta": "mapping_households"})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-figure="mapping_households">2<' in html
    assert 'data-figure="mapping_poor_households">1<' in html
    assert "Nusa Tenggara Barat" in html and "Jawa Timur" in html
    data = map_data(page)
    assert data["outlines"] == reverse("dashboards:provinces")
    assert data["values"]["52"] == 2.0
    assert data["values"]["35"] is None


def test_the_map_figure_select_lists_the_headline_figures_with_the_shown_one_chosen(client, data):
    html = client.get(reverse("dashboards:national")).content.decode()
    select = html[
        html.index('<select class="form-select form-select-sm w-auto d-inline-block" name="peta"') :
    ]
    select = select[: select.index("</select>")]
    options = re.findall(r'<option value="([^"]+)"( selected)?>', select)
    assert len(options) >= 3
    chosen = [value for value, selected in options if selected]
    assert (
        chosen
        == [options[0][0]]
        == [map_data(client.get(reverse("dashboards:national")))["figure"]]
    )
    html = client.get(
        reverse("dashboards:national"), {"peta": "mapping_households"}
    ).content.decode()
    assert '<option value="mapping_households" selected>' in html


def test_a_rupiah_card_stays_on_one_line(client, data):
    html = client.get(reverse("dashboards:national")).content.decode()
    assert 'class="stat stat-money" data-figure="planning_investment' in html


def test_a_district_dashboard_lists_its_villages_as_points(client, data):
    page = client.get(reverse("dashboards:region", args=["52.01.08"]))
    assert page.status_code == 200
    points = {p[0] for p in map_data(page)["points"]}
    assert "52.01.08.2006" in points
    assert map_data(page)["outlines"] is None


def test_a_village_or_unknown_code_has_no_dashboard(client, data):
    assert client.get(reverse("dashboards:region", args=["52.01.08.2006"])).status_code == 404
    assert client.get(reverse("dashboards:region", args=["99"])).status_code == 404


@pytest.mark.parametrize("villages", [2, 12])
def test_dashboard_pages_take_a_fixed_number_of_queries(
    client, bajur, villages, django_assert_num_queries
):
    stuck = _villages(villages)[0]
    Step.objects.filter(cycle__village=stuck, status=StepStatus.OPEN).update(
        opened_at=timezone.now() - dt.timedelta(days=120)
    )
    services.rebuild_all()
    for url, queries in (
        # One query per figure with an attention level (cycle's stuck days, oversight's
        # overdue complaints).
        (reverse("dashboards:national"), 8),
        (reverse("dashboards:region", args=["52"]), 11),
        (reverse("dashboards:region", args=["52.01.08"]), 11),
    ):
        with django_assert_num_queries(queries):
            page = client.get(url)
        assert page.status_code == 200
        html = page.content.decode()
        assert f'data-figure="cycle_villages">{villages}<' in html
        assert 'data-figure="cycle_stuck">1<' in html
        assert f'href="/wilayah/{stuck.code}/">Desa Uji 0' in html
        # The same page again comes whole from the cache (an anonymous visitor): only the
        # figures version is read.
        with django_assert_num_queries(1):
            again = client.get(url).content.decode()
        assert without_tokens(again) == without_tokens(html)


def test_a_cached_page_carries_each_visitors_own_csrf_token(data):
    from django.test import Client

    from tridaya.core.pages import CSRF_SLOT

    url = reverse("dashboards:region", args=["52"])
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    pages = [c.get(url).content.decode() for c in (first, second)]
    tokens = [re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', p).group(1) for p in pages]
    assert CSRF_SLOT not in pages[0] + pages[1]
    assert tokens[0] != tokens[1]
    # The token works for the visitor it was given to (the language switch is a POST).
    answer = first.post(
        reverse("set_language"), {"language": "en", "csrfmiddlewaretoken": tokens[0]}
    )
    assert answer.status_code == 302


def test_a_signed_in_user_gets_the_page_with_their_own_frame(client, data):
    from tridaya.accounts.models import User

    user = User.objects.create_user("pengamat", password="x-very-long-pass")
    client.force_login(user)
    html = client.get(reverse("dashboards:region", args=["52"])).content.decode()
    assert "pengamat" in html and 'data-figure="mapping_households">2<' in html


def test_a_refresh_shows_at_once_on_a_cached_page(client, data, django_capture_on_commit_callbacks):
    url = reverse("dashboards:region", args=["52.01"])
    assert 'data-figure="mapping_households">2<' in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        household(region("52.01.08.2006"))
    assert 'data-figure="mapping_households">3<' in client.get(url).content.decode()


def test_the_villages_xlsx_of_a_province_has_every_village(client, data):
    _villages(3)
    services.rebuild_all()
    response = client.get(reverse("dashboards:villages_xlsx", args=["52"]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Kode", "Nama")
    codes = [r[0] for r in rows[1:]]
    assert codes == ["52.01.08.2006", "52.01.08.2101", "52.01.08.2102", "52.01.08.2103"]
    assert "52.01.08.2006" in codes and "35.07.01.2001" not in codes
    households = rows[0].index("KK terdata (KK)")
    assert rows[1 + codes.index("52.01.08.2006")][households] == 2


def test_the_child_table_xlsx_has_one_row_per_child(client, data):
    response = client.get(reverse("dashboards:national_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["35", "52"]


def test_the_api_gives_the_same_figures(client, data):
    body = client.get(reverse("api-dashboard", args=["52"])).json()
    own = {(v["figure"], v["state"]): v["value"] for v in body["values"]}
    assert float(own[("mapping_households", "")]) == 2
    assert [c["code"] for c in body["children"]] == ["52.01"]
    national = client.get(reverse("api-dashboard-national")).json()
    assert national["name"] == "Indonesia"


def test_the_province_outlines_are_served_with_their_codes(client):
    response = client.get(reverse("dashboards:provinces"))
    assert response.status_code == 200
    codes = {f["properties"]["code"] for f in response.json()["features"]}
    assert len(codes) == 38 and "52" in codes


def test_the_national_admin_starts_a_rebuild_and_follows_it_on_the_job_page(
    client, data, django_capture_on_commit_callbacks
):
    from tridaya.accounts.tests.factories import user_with_role
    from tridaya.core.models import Job, JobStatus

    assert (
        "Hitung ulang semua angka"
        not in client.get(reverse("dashboards:national")).content.decode()
    )
    client.force_login(user_with_role("province_officer", "52"))
    assert client.post(reverse("dashboards:rebuild")).status_code in (403, 404)
    admin = user_with_role("national_admin", None)
    client.force_login(admin)
    assert "Hitung ulang semua angka" in client.get(reverse("dashboards:national")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("dashboards:rebuild"))
    job = Job.objects.get(kind=services.REBUILD_JOB)
    assert response.url == reverse("job_detail", args=[job.pk])
    assert job.status == JobStatus.DONE and job.created_by == admin
    assert job.result == {"villages": 2}
    assert "villages" in client.get(response.url).content.decode()


def test_the_anonymous_page_cache_is_keyed_on_the_whole_query_string_and_the_language(client, data):
    url = reverse("dashboards:national")
    first = client.get(url, {"peta": "mapping_households"})
    assert '<option value="mapping_households" selected>' in first.content.decode()
    assert "Cookie" in first["Vary"]
    # Another query string is another page, never the cached one of the first.
    other = client.get(url, {"peta": "mapping_poor_households", "x": "1"}).content.decode()
    assert '<option value="mapping_poor_households" selected>' in other
    assert '<option value="mapping_households" selected>' not in other
    # The same parameters in another order share the entry; the language does not.
    again = client.get(f"{url}?x=1&peta=mapping_poor_households").content.decode()
    assert without_tokens(again) == without_tokens(other)
    client.cookies["django_language"] = "en"
    english = client.get(url, {"peta": "mapping_households"}).content.decode()
    assert 'lang="en"' in english and without_tokens(english) != without_tokens(
        first.content.decode()
    )


def test_the_shared_page_key_takes_every_parameter_and_stays_short(rf):
    from django.utils import translation

    from tridaya.core.pages import shared_page_key

    def key(query: str, language: str = "id") -> str:
        with translation.override(language):
            return shared_page_key(rf.get(f"/dasbor/{query}"), "p")

    assert key("?a=1&b=2") == key("?b=2&a=1")
    assert len({key(""), key("?a=1"), key("?a=2"), key("?a=1&a=2"), key("?a=1", "en")}) == 5
    assert len(key("?q=" + "x" * 5000 + " \n")) < 80
