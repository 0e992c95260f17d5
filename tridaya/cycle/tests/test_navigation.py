"""Issue 11, item 10: the menu leads to the user's own village cycle, the village home says
where the village stands, the map has a legend, and residents are not offered the API."""

import pytest

from tridaya.cycle import services
from tridaya.cycle.tests.factories import enrolled, meeting_input
from tridaya.regions.tests.factories import BAJUR


@pytest.mark.django_db
def test_stage_menu_goes_to_the_users_village_cycle(client, users, bajur):
    client.force_login(users["village_bkm"])
    page = client.get("/").content.decode()
    menu = page[page.index('id="stage-menu"') :]
    assert f'href="/wilayah/{BAJUR}/siklus/"' in menu[: menu.index("</ul>")]
    assert "Siklus Bajur" in page


@pytest.mark.django_db
def test_village_home_shows_current_step_and_blockers(client, bajur, django_assert_num_queries):
    enrolled(bajur)
    page = client.get(f"/wilayah/{BAJUR}/").content.decode()
    assert "Langkah sekarang:" in page
    assert f'href="/wilayah/{BAJUR}/siklus/sosialisasi/"' in page
    assert "Belum ada Lokakarya yang tercatat untuk langkah ini." in page
    step = bajur.cycles.get().steps.get(code="sosialisasi")
    services.meeting_record(
        actor=None, village=bajur, step=step, data=meeting_input(kind="lokakarya")
    )
    page = client.get(f"/wilayah/{BAJUR}/").content.decode()
    assert "Belum ada Lokakarya" not in page


@pytest.mark.django_db
def test_village_map_has_a_legend(client, bajur):
    page = client.get(f"/wilayah/{BAJUR}/").content.decode()
    assert 'id="village-map-legend"' in page and "Batas RW" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("viewer", "shown"),
    [("village_resident", False), ("village_bkm", True), ("national", True), (None, False)],
)
def test_api_link_is_not_offered_to_residents(client, users, bajur, viewer, shown):
    if viewer:
        client.force_login(users[viewer])
    page = client.get(f"/wilayah/{BAJUR}/").content.decode()
    assert ('href="/api/docs/"' in page) is shown
