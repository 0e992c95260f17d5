"""Who sees and changes households and surveys, pages and API alike: national, province 52,
regency 52.01, Bajur's BKM and a Bajur resident, and anonymous, against Bajur, its neighbour
Terong Tawah and a village in another province. Counts are public; households are for those who
work in or over the village; names and NIKs for fewer still."""

import pytest
from rest_framework.test import APIClient

from tridaya.accounts.models import Role
from tridaya.core.policy import can
from tridaya.mapping.policy import (
    IMPORT_SURVEYS,
    MANAGE_HOUSEHOLDS,
    VIEW_HOUSEHOLD_PERSONAL_DATA,
    VIEW_HOUSEHOLDS,
)
from tridaya.mapping.tests.factories import household, with_survey_units
from tridaya.regions.tests.factories import BAJUR, FAR_VILLAGE, TERONG_TAWAH

VILLAGES = (BAJUR, TERONG_TAWAH, FAR_VILLAGE)
HEAD = "Kepala Rahasia"

# Households, the poor-household map and their API: those who work in or over the village.
READERS = {
    "national": (200, 200, 200),
    "province": (200, 200, 404),
    "regency": (200, 200, 404),
    "village_bkm": (200, 404, 404),
    "village_resident": (403, 404, 404),
}
# Who may record households and import surveys (the province officer oversees, no more).
EDITORS = {
    "national": (200, 200, 200),
    "province": (403, 403, 404),
    "regency": (200, 200, 404),
    "village_bkm": (200, 404, 404),
    "village_resident": (403, 404, 404),
}
# Who sees heads' names and NIKs where they may see households.
PERSONAL = {
    "national": (True, True, True),
    "province": (False, False, False),
    "regency": (True, True, False),
    "village_bkm": (True, False, False),
    "village_resident": (False, False, False),
}
PUBLIC_PAGES = ["", "kk/"]
READER_PAGES = ["kk/daftar/", "kk/peta/", "kk/ekspor.csv", "kk/{pk}/"]
EDITOR_PAGES = ["kk/tambah/", "kk/{pk}/ubah/", "survei/", "survei/formulir/household.xlsx"]


@pytest.fixture
def homes(users, bajur, terong_tawah, far_village):
    found = {}
    for village in (bajur, terong_tawah, far_village):
        with_survey_units(village)
        found[village.code] = household(village, head_name=HEAD, poor_criteria=9)
    return found


def client_for(client, users, viewer):
    if viewer != "anonymous":
        client.force_login(users[viewer])
    return client


def page(code, path, homes):
    return f"/wilayah/{code}/pemetaan/{path.format(pk=homes[code].pk)}"


@pytest.mark.django_db
@pytest.mark.parametrize("path", [*PUBLIC_PAGES, "kk/rt/{rt}/"])
@pytest.mark.parametrize("viewer", [*READERS, "anonymous"])
def test_counts_are_public_and_name_no_one(client, users, homes, viewer, path):
    c = client_for(client, users, viewer)
    personal = PERSONAL.get(viewer, (False, False, False))
    for code, may_see in zip(VILLAGES, personal, strict=True):
        response = c.get(page(code, path.replace("{rt}", str(homes[code].rt_id)), homes))
        assert response.status_code == 200
        # The RT page lists its households for those who may see them; the counts never name.
        assert (HEAD in response.content.decode()) is (may_see and "rt" in path)


@pytest.mark.django_db
@pytest.mark.parametrize("path", READER_PAGES)
@pytest.mark.parametrize("viewer", sorted(READERS))
def test_household_pages(client, users, homes, viewer, path):
    c = client_for(client, users, viewer)
    got = tuple(c.get(page(code, path, homes)).status_code for code in VILLAGES)
    assert got == READERS[viewer]
    named = tuple(HEAD in c.get(page(code, path, homes)).content.decode() for code in VILLAGES)
    if path != "kk/peta/":  # the map names heads in its data only for those who may see them
        expected = tuple(
            shown and status == 200
            for shown, status in zip(PERSONAL[viewer], READERS[viewer], strict=True)
        )
        assert named == expected


@pytest.mark.django_db
@pytest.mark.parametrize("path", READER_PAGES)
def test_anonymous_is_sent_to_login(client, homes, path):
    response = client.get(page(BAJUR, path, homes))
    assert response.status_code == 302 and "/akun/masuk/" in response.url


@pytest.mark.django_db
@pytest.mark.parametrize("path", EDITOR_PAGES)
@pytest.mark.parametrize("viewer", sorted(EDITORS))
def test_editor_pages(client, users, homes, viewer, path):
    c = client_for(client, users, viewer)
    got = tuple(c.get(page(code, path, homes)).status_code for code in VILLAGES)
    assert got == EDITORS[viewer]


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", sorted(READERS))
def test_api_households(users, homes, viewer):
    api = APIClient()
    api.force_authenticate(users[viewer])
    got = tuple(api.get(f"/api/v1/villages/{code}/households/").status_code for code in VILLAGES)
    assert got == READERS[viewer]
    for code, shown, status in zip(VILLAGES, PERSONAL[viewer], READERS[viewer], strict=True):
        if status != 200:
            continue
        item = api.get(f"/api/v1/villages/{code}/households/{homes[code].pk}/").json()
        assert ("head_name" in item) is shown and ("head_nik" in item) is shown
        assert item["is_poor"] is True and item["criteria_met"] == 9


@pytest.mark.django_db
def test_api_answers_401_to_anonymous_and_counts_to_everyone(homes):
    api = APIClient()
    assert api.get(f"/api/v1/villages/{BAJUR}/households/").status_code == 401
    assert api.get(f"/api/v1/villages/{BAJUR}/survey-imports/").status_code == 401
    summary = api.get(f"/api/v1/villages/{BAJUR}/households/summary/")
    assert summary.status_code == 200 and summary.json()["total"]["poor"] == 1
    assert HEAD not in summary.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", sorted(EDITORS))
def test_api_writes(users, homes, viewer):
    api = APIClient()
    api.force_authenticate(users[viewer])
    expected = tuple({200: 201}.get(status, status) for status in EDITORS[viewer])
    got = []
    for code in VILLAGES:
        body = {"rt": homes[code].rt_id, "head_name": "Baru", "head_sex": "L", "members": 2}
        got.append(
            api.post(f"/api/v1/villages/{code}/households/", body, format="json").status_code
        )
    assert tuple(got) == expected


ROLE_MATRIX = {
    Role.NATIONAL_ADMIN: (True, True, True, True),
    Role.PROVINCE_OFFICER: (True, False, False, False),
    Role.CITY_COORDINATOR: (True, True, True, True),
    Role.FACILITATOR: (True, True, True, True),
    Role.BKM: (True, True, True, True),
    Role.UPK: (True, False, False, False),
    Role.UPL: (True, False, False, False),
    Role.UPS: (True, False, False, False),
    Role.TIPP: (True, True, True, True),
    Role.VILLAGE_APPARATUS: (True, True, True, True),
    Role.KSM: (False, False, False, False),
    Role.RESIDENT: (False, False, False, False),
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(ROLE_MATRIX))
def test_every_role(bajur, role):
    from tridaya.accounts.models import ROLE_LEVELS
    from tridaya.accounts.tests.factories import user_with_role

    level = ROLE_LEVELS[role][0]
    code = None if level is None else BAJUR[: {1: 2, 2: 5, 3: 8, 4: 13}[level]]
    user = user_with_role(role, code)
    actions = (VIEW_HOUSEHOLDS, VIEW_HOUSEHOLD_PERSONAL_DATA, MANAGE_HOUSEHOLDS, IMPORT_SURVEYS)
    assert tuple(can(user, action, bajur) for action in actions) == ROLE_MATRIX[role]
