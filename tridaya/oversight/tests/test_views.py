import re

import pytest
from django.urls import reverse

from tridaya.accounts.tests.factories import user_with_role
from tridaya.oversight import services
from tridaya.oversight.models import Complaint, StepKind
from tridaya.oversight.tests.factories import jpeg_with_exif
from tridaya.regions.tests.factories import BAJUR

TEXT = "Pekerjaan saluran di RT 04 berhenti sejak seminggu."


def post_complaint(client, **extra):
    data = {"text": TEXT, "name": "Ibu Sumiati", "contact": "081234567890", "website": "", **extra}
    return client.post(reverse("oversight:complaint_new", args=[BAJUR]), data)


def test_anonymous_resident_files_a_complaint_and_follows_it(client, bajur):
    page = client.get(reverse("oversight:complaint_new", args=[BAJUR]))
    assert page.status_code == 200
    response = post_complaint(client, photos=[jpeg_with_exif()])
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.photos.count() == 1
    done = client.get(response.url)
    assert complaint.code_display in done.content.decode()
    status = client.get(reverse("oversight:status", args=[complaint.tracking_code]))
    html = status.content.decode()
    assert status.status_code == 200 and 'data-step="diterima"' in html
    # Personal data never on the public status page.
    assert "Sumiati" not in html and "081234567890" not in html


def test_wrong_and_unknown_codes_answer_alike(client, bajur):
    post_complaint(client)
    code = Complaint.objects.get().tracking_code
    wrong = code[:-1] + ("2" if code[-1] != "2" else "3")
    tried = (wrong, "AAAAAAAAAA", "x")
    answers = [client.get(reverse("oversight:status", args=[c])) for c in tried]
    assert {a.status_code for a in answers} == {404}
    # The answer (everything but the per-request CSRF token) is the same.
    bodies = {
        re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", a.content.decode())
        .split('id="track-answer"')[1]
        .split("</main>")[0]
        for a in answers
    }
    assert "Kode lacak tidak ditemukan" in next(iter(bodies))
    assert len(bodies) == 1


def test_honeypot_submission_writes_nothing(client, bajur):
    response = post_complaint(client, website="http://spam.example")
    assert response.status_code == 200
    assert not Complaint.objects.exists()


def test_rate_limit_per_session_and_ip_writes_nothing_and_says_why(client, bajur, settings):
    settings.TRIDAYA_PPM_RATE = {"ip_per_hour": 5, "session_per_hour": 2, "lookups_per_hour": 30}
    for _ in range(2):
        assert post_complaint(client).status_code == 302
    refused = post_complaint(client)
    assert refused.status_code == 429
    assert "Terlalu banyak pengaduan" in refused.content.decode()
    assert Complaint.objects.count() == 2
    settings.TRIDAYA_PPM_RATE = {"ip_per_hour": 2, "session_per_hour": 9, "lookups_per_hour": 30}
    client.cookies.clear()  # a new session from the same address
    assert post_complaint(client).status_code == 429
    assert Complaint.objects.count() == 2


def test_lookups_are_rate_limited(client, bajur, settings):
    settings.TRIDAYA_PPM_RATE = {"ip_per_hour": 5, "session_per_hour": 5, "lookups_per_hour": 2}
    post_complaint(client)
    code = Complaint.objects.get().tracking_code
    url = reverse("oversight:status", args=[code])
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 404
    assert Complaint.objects.count() == 1


@pytest.mark.parametrize(
    "viewer, queue, act",
    [
        ("national", 200, 403),
        ("province", 200, 403),
        ("regency", 200, 403),
        ("village_bkm", 200, 302),
        ("village_resident", 403, 403),
        ("anonymous", 302, 302),
    ],
)
def test_policy_matrix(client, users, viewer, queue, act):
    complaint = services.complaint_submit(
        actor=None, village=users["village_bkm"].role_assignments.first().region, text=TEXT
    )
    if viewer != "anonymous":
        client.force_login(users[viewer])
    response = client.get(reverse("oversight:complaints", args=[BAJUR]))
    assert response.status_code in ({queue} if queue != 302 else {302, 403, 404})
    url = reverse("oversight:complaint_step", args=[BAJUR, complaint.pk, "langkah"])
    acted = client.post(
        url, {"langkah-kind": StepKind.ACTION, "langkah-note": "Dicek ke lapangan."}
    )
    if act == 302 and viewer == "village_bkm":
        assert acted.status_code == 302
        assert complaint.steps.filter(kind=StepKind.ACTION).exists()
    else:
        assert (
            acted.status_code in {403, 404, 302}
            and not complaint.steps.filter(kind=StepKind.ACTION).exists()
        )


def test_a_village_handler_of_another_village_sees_404(client, bajur, far_village):
    other = user_with_role("bkm", far_village.code)
    client.force_login(other)
    assert client.get(reverse("oversight:complaints", args=[BAJUR])).status_code == 404


@pytest.mark.parametrize("count", [1, 6])
def test_queue_and_status_query_counts_stay_fixed(client, bajur, django_assert_num_queries, count):
    bkm = user_with_role("bkm", BAJUR)
    made = [services.complaint_submit(actor=None, village=bajur, text=TEXT) for _ in range(count)]
    client.force_login(bkm)
    client.get(reverse("oversight:complaints", args=[BAJUR]))
    with django_assert_num_queries(8):
        assert client.get(reverse("oversight:complaints", args=[BAJUR])).status_code == 200
    client.logout()
    with django_assert_num_queries(3):
        assert (
            client.get(reverse("oversight:status", args=[made[0].tracking_code])).status_code == 200
        )


def test_public_page_cache_holds_nothing_of_the_visitor(client, bajur, django_assert_num_queries):
    named = user_with_role("bkm", BAJUR, first_name="Zulkarnain", last_name="Rahasiawan")
    client.force_login(named)
    url = reverse("oversight:public", args=[BAJUR])
    assert "Rahasiawan" in client.get(url).content.decode()  # the frame names the visitor
    client.logout()
    with django_assert_num_queries(2):  # the village; the figures come from the cache
        html = client.get(url).content.decode()
    assert "Rahasiawan" not in html and 'data-figure="received"' in html
