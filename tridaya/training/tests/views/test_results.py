"""Pages of pre-test and post-test results and the printed test forms."""

import pytest

from tridaya.institutions.tests.factories import people, person
from tridaya.training.models import (
    Question,
    TestResult,
)
from tridaya.training.tests.factories import attend_all, enrol, score_all, training
from tridaya.training.tests.views.conftest import assert_constant, pdf_text, url

pytestmark = pytest.mark.django_db


def test_scores_page_query_count_does_not_grow(
    client, facilitator, bajur, django_assert_num_queries
):
    client.force_login(facilitator)
    t = training(bajur)
    enrol(t, people(bajur, 2), "bkm")

    def more():
        enrol(t, people(bajur, 5), "upk")
        attend_all(t)
        score_all(t, 30, 70)

    page = assert_constant(client, django_assert_num_queries, url(t, "nilai/"), 11, more)
    assert "Isi nilai" in page and "gain-chart" in page


def test_score_grid_saves_both_tests_and_reports_a_bad_score(client, facilitator, bajur):
    client.force_login(facilitator)
    t = training(bajur, ("konsep_plpbk",), plan=False)
    a, b = enrol(t, [person(bajur, name="Baiq Hartini"), person(bajur)], "bkm")
    path = url(t, "nilai/modul/konsep_plpbk/")
    response = client.post(path, {f"pre-{a.pk}": "40", f"post-{a.pk}": "85,5", f"pre-{b.pk}": ""})
    assert response.status_code == 302
    assert TestResult.objects.get(participant=a, kind="post").score == 85.5
    response = client.post(path, {f"pre-{a.pk}": "40", f"post-{a.pk}": "120"}, follow=True)
    assert "Nilai Baiq Hartini &#x27;120&#x27; tidak sah" in response.content.decode()
    assert TestResult.objects.get(participant=a, kind="post").score == 85.5  # nothing changed


def test_answers_page_computes_the_score(client, facilitator, bajur):
    client.force_login(facilitator)
    t = training(bajur, ("konsep_plpbk",), plan=False)
    [p] = enrol(t, people(bajur, 1), "bkm")
    questions = Question.objects.filter(module__code="konsep_plpbk").order_by("order")
    data = {f"q-{q.pk}": str(q.answer) for q in questions}
    response = client.post(url(t, f"nilai/peserta/{p.pk}/post/"), data)
    assert response.status_code == 302
    assert TestResult.objects.get(participant=p, kind="post").score == 100
    page = client.get(url(t, f"nilai/peserta/{p.pk}/post/")).content.decode()
    assert page.count("checked") == 5


def test_test_forms_and_answer_key_print(client, facilitator, held):
    client.force_login(facilitator)
    form = pdf_text(client.get(url(held, "soal-pre.pdf")).content)
    assert "PRE-TEST" in form and "Apa kepanjangan PLPBK?" in form
    assert "Penataan Lingkungan Permukiman Berbasis Komunitas" in form
    key = pdf_text(client.get(url(held, "kunci-jawaban.pdf")).content)
    assert "KUNCI JAWABAN" in key
    assert client.get(url(held, "soal-ujian.pdf")).status_code == 404


def test_test_forms_need_a_login(client, held):
    response = client.get(url(held, "soal-pre.pdf"))
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
