"""The pages after the plan: weekly schedule, beneficiaries (names only for the roles that need
them), handover (BAST), the asset page with O&M plan, functionality check, maintenance and iuran,
handled volumes, and the progress form download / import. Each page has a pinned query count,
a policy check and a clear Indonesian refusal."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from tridaya.accounts.tests.factories import user_with_role
from tridaya.institutions.tests.factories import ksm_with
from tridaya.regions.tests.factories import BAJUR
from tridaya.works.models import (
    Asset,
    Beneficiary,
    FunctionalityCheck,
    HandledVolume,
    IuranPayment,
    MaintenanceLog,
    OmPlan,
)
from tridaya.works.services.packages import reporter_add
from tridaya.works.tests.factories import complete, handed_over, kpp_of, package

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(bajur):
    return package(bajur, ksm=ksm_with(bajur, name="KSM Maju"))


@pytest.fixture
def facilitator():
    return user_with_role("facilitator", BAJUR)


def url(name, work, *args):
    return reverse(f"works:{name}", args=[BAJUR, work.pk, *args])


def test_schedule_page_shows_the_weeks_and_a_manager_changes_them(
    client, work, facilitator, django_assert_num_queries
):
    items = list(work.items.all())
    with django_assert_num_queries(4):
        page = client.get(url("schedule", work))
    assert page.status_code == 200
    body = page.content.decode()
    assert body.count('data-item="') == 2 and "schedule-form" not in body  # public reads
    assert client.post(url("schedule", work), {}).status_code == 404  # anonymous
    client.force_login(facilitator)
    bad = client.post(
        url("schedule", work),
        {f"start_{items[0].pk}": 3, f"end_{items[0].pk}": 9, f"start_{items[1].pk}": 1,
         f"end_{items[1].pk}": 4},
    )  # fmt: skip
    assert bad.status_code == 400
    assert "lebih kecil dari atau sama dengan 4" in bad.content.decode()
    ok = client.post(
        url("schedule", work),
        {f"start_{items[0].pk}": 1, f"end_{items[0].pk}": 4, f"start_{items[1].pk}": 2,
         f"end_{items[1].pk}": 3},
    )  # fmt: skip
    assert ok.status_code == 302
    items[1].refresh_from_db()
    assert (items[1].start_week, items[1].end_week) == (2, 3)


def test_beneficiary_names_only_for_roles_that_need_them(client, work, facilitator):
    client.force_login(facilitator)
    bad = client.post(url("beneficiaries", work), {"name": "Inaq Rumenah", "sex": "P", "nik": "12"})
    assert bad.status_code == 400 and "NIK harus 16 angka." in bad.content.decode()
    made = client.post(
        url("beneficiaries", work),
        {"name": "Inaq Rumenah", "sex": "P", "nik": "5201080101900001", "mbr": "on"},
    )
    assert made.status_code == 302
    assert Beneficiary.objects.get().mbr is True
    assert "Inaq Rumenah" in client.get(url("beneficiaries", work)).content.decode()
    client.logout()
    public = client.get(url("beneficiaries", work)).content.decode()
    assert "Inaq Rumenah" not in public and "5201080101900001" not in public
    assert 'data-figure="named">1<' in public
    ksm = user_with_role("ksm", BAJUR)
    client.force_login(ksm)
    assert client.post(url("beneficiaries", work), {"name": "X", "sex": "L"}).status_code == 403


def test_handover_page_refuses_an_unfinished_package_then_records_the_bast(
    client, bajur, work, facilitator
):
    kpp = kpp_of(bajur)
    client.force_login(facilitator)
    form = {"number": "01/BAST/2026", "date": "2026-04-01", "recipient": "kpp", "kpp": kpp.pk}
    form["design_life_years"] = 10
    early = client.post(url("handover", work), form)
    assert early.status_code == 400 and "belum selesai 100%" in early.content.decode()
    complete(work)
    missing = client.post(url("handover", work), {**form, "kpp": ""})
    assert missing.status_code == 400 and "Pilih KPP penerima aset." in missing.content.decode()
    done = client.post(url("handover", work), form)
    assert done.status_code == 302 and done.url == url("asset", work)
    assert Asset.objects.get(package=work).handover.kpp == kpp
    client.force_login(user_with_role("resident", BAJUR))
    assert client.get(url("handover", work)).status_code == 403


@pytest.fixture
def asset(bajur, work):
    complete(work)
    handed_over(work, kpp_of(bajur))
    return Asset.objects.get(package=work)


@pytest.mark.parametrize("records", [0, 3])
def test_asset_page_has_a_pinned_query_count(
    client, work, asset, records, django_assert_num_queries
):
    for year in range(records):
        OmPlan.objects.create(asset=asset, year=2026 + year, use_plan="u", maintenance_schedule="m")
        MaintenanceLog.objects.create(asset=asset, date=dt.date(2026, 5, 1 + year), description="d")
    with django_assert_num_queries(8):
        page = client.get(url("asset", work))
    assert page.status_code == 200
    assert page.content.decode().count("<strong>20") == records  # one line per plan year
    assert "check-form" not in page.content.decode()  # the public reads only


def test_kpp_records_plan_check_maintenance_and_iuran_on_the_asset_page(
    client, bajur, work, asset, facilitator
):
    from tridaya.finance.tests.factories import opened

    opened(bajur)  # iuran goes into the ledger
    client.force_login(facilitator)
    steps = {
        "rencana": {"year": 2026, "use_plan": "Drainase lancar", "revenue_plan": 600_000,
                    "spending_plan": 450_000, "maintenance_schedule": "Bersih saluran tiap bulan"},
        "periksa": {"year": 2027, "checked_on": "2027-04-02", "exists": "on",
                    "good_condition": "on", "functioning": "on", "used": "on"},
        "pemeliharaan": {"date": "2026-06-01", "description": "Angkat sedimen", "cost": 250_000},
        "iuran": {"date": "2026-06-05", "amount": 150_000, "payers": "30 KK RT 02"},
    }  # fmt: skip
    for step, data in steps.items():
        response = client.post(
            url("asset_step", work, step), {f"{step}-{k}": v for k, v in data.items()}
        )
        assert response.status_code == 302, (step, response.content.decode())
    check = FunctionalityCheck.objects.get(asset=asset)
    assert check.score == 90 and not check.upgraded
    assert OmPlan.objects.get(asset=asset).revenue_plan == 600_000
    assert MaintenanceLog.objects.get(asset=asset).cost == 250_000
    assert IuranPayment.objects.get(asset=asset).amount == 150_000
    again = client.post(
        url("asset_step", work, "periksa"),
        {"periksa-year": 2027, "periksa-checked_on": "2027-04-03", "periksa-exists": "on"},
    )
    assert again.status_code == 400
    assert "tahun 2027 untuk aset ini sudah dicatat" in again.content.decode()
    negative = client.post(
        url("asset_step", work, "iuran"), {"iuran-date": "2026-06-05", "iuran-amount": "0"}
    )
    assert negative.status_code == 400
    page = client.get(url("asset", work)).content.decode()
    assert "Rp 150.000" in page and "Angkat sedimen" in page


def test_the_asset_page_of_a_package_not_handed_over_says_so(client, work, facilitator):
    assert "belum diserahterimakan" in client.get(url("asset", work)).content.decode()
    client.force_login(facilitator)
    complete(work)
    assert url("handover", work) in client.get(url("asset", work)).content.decode()
    assert client.post(url("asset_step", work, "iuran"), {}).status_code == 404


def test_handled_volumes_page_records_and_shows_the_rescore(client, bajur, facilitator):
    from tridaya.mapping.tests.factories import profile, rt_of, volumes_at, with_units

    village = with_units(bajur)
    rt = rt_of(village)
    profile(rt, share=Decimal("0.8"))
    work = complete(package(village, ksm=ksm_with(village)))
    client.force_login(facilitator)
    page = client.get(url("handled", work))
    assert page.status_code == 200 and "handled-form" in page.content.decode()
    amount = volumes_at(Decimal("0.8"))["1a"]
    zero = client.post(url("handled", work), {"rt": rt.pk, "year": 2026, "code": "1a", "amount": 0})
    assert zero.status_code == 400
    assert "Volume tertangani harus lebih dari nol." in zero.content.decode()
    ok = client.post(
        url("handled", work), {"rt": rt.pk, "year": 2026, "code": "1a", "amount": amount}
    )
    assert ok.status_code == 302
    assert HandledVolume.objects.get(package=work).amount == amount
    body = client.get(url("handled", work)).content.decode()
    assert "Kontribusi penanganan" in body and "Kumuh berat" in body


def test_a_ksm_downloads_the_progress_form_and_imports_its_export(client, bajur, work):
    ksm_user = user_with_role("ksm", BAJUR)
    reporter_add(actor=None, ksm=work.ksm, user=ksm_user)
    form_url = reverse("works:progress_form", args=[BAJUR])
    import_url = reverse("works:progress_import", args=[BAJUR])
    assert client.get(import_url).status_code == 404  # anonymous: nothing to see
    client.force_login(user_with_role("resident", BAJUR))
    assert client.get(import_url).status_code == 403
    client.force_login(ksm_user)
    listing = client.get(reverse("works:packages", args=[BAJUR])).content.decode()
    assert import_url in listing
    from tridaya.mapping.tests.factories import with_survey_units

    with_survey_units(bajur)
    download = client.get(form_url)
    assert download.status_code == 200 and download.content[:2] == b"PK"
    from tridaya.works.tests.test_fieldform import jpeg, odk_row, odk_zip

    content = odk_zip([odk_row("k1", work)], {"a.jpg": jpeg()})
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("ekspor.zip", content, "application/zip")
    done = client.post(import_url, {"file": upload, "mode": "strict"})
    assert done.status_code == 200
    body = done.content.decode()
    assert 'data-batch="imported"' in body and "1 progres baru" in body
    assert work.entries.get().status == "diajukan"


@pytest.mark.parametrize("names", [1, 5])
def test_beneficiaries_and_schedule_pages_signed_in_have_pinned_query_counts(
    client, work, facilitator, names, django_assert_num_queries
):
    for index in range(names):
        Beneficiary.objects.create(package=work, name=f"Warga {index}", sex="L")
    client.force_login(facilitator)
    client.get(url("beneficiaries", work))  # the session and roles are read once
    with django_assert_num_queries(9):
        page = client.get(url("beneficiaries", work))
    assert page.content.decode().count('class="list-group-item small">Warga') == names
    with django_assert_num_queries(8):
        assert client.get(url("schedule", work)).status_code == 200
