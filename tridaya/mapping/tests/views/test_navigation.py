"""Issue 11, item 10: every pemetaan swadaya page shows the same sub-menu."""

import re

import pytest

from tridaya.regions.tests.factories import BAJUR

PAGES = ["", "peta/", "masalah/", "lapisan/", "kumuh/", "kk/", "masalah/tambah/"]


def _tabs(html: str) -> list[str]:
    nav = html[html.index('class="mapping-tabs') :]
    nav = nav[: nav.index("</nav>")]
    return re.findall(r'href="([^"]+)"', nav)


@pytest.mark.django_db
def test_every_mapping_page_shows_the_same_tabs(client, users, bajur):
    client.force_login(users["national"])
    menus = {}
    for suffix in PAGES:
        response = client.get(f"/wilayah/{BAJUR}/pemetaan/{suffix}")
        assert response.status_code == 200, suffix
        menus[suffix] = _tabs(response.content.decode())
    first = menus[""]
    assert len(first) == 7
    assert all(tabs == first for tabs in menus.values()), menus
