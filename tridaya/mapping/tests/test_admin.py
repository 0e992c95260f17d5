"""The admin shows households and survey imports and changes none of them."""

import pytest

from tridaya.mapping.tests.factories import export, household, run_import, with_survey_units


@pytest.mark.django_db
def test_admin_lists_read_only(admin_client, bajur):
    with_survey_units(bajur)
    saved = household(bajur)
    header, rows = export(bajur, 3)
    batch = run_import(bajur, header, rows)
    for path in ("household", "importbatch", "quarantinedrow"):
        assert admin_client.get(f"/admin/mapping/{path}/").status_code == 200
    page = admin_client.get(f"/admin/mapping/household/{saved.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert admin_client.get("/admin/mapping/household/add/").status_code == 403
    assert admin_client.get(f"/admin/mapping/importbatch/{batch.pk}/delete/").status_code == 403
