"""The program edits its curriculum and settings in the admin, through the services (checked
and audited); trainings are read-only there."""

import pytest

from tridaya.core.models import AuditEvent
from tridaya.training.models import Module, Training, TrainingSettings
from tridaya.training.tests.factories import curriculum, training

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.org", "x-Secret-99")
    client.force_login(user)
    return client


def module_form(module: Module, **changes) -> dict:
    steps = "\n".join(f"{s['minutes']} | {s['title']} | {s['method']}" for s in module.steps)
    data = {
        "title": module.title,
        "summary": module.summary,
        "stage": module.stage,
        "is_core": "on" if module.is_core else "",
        "jpl": module.jpl,
        "objectives": "\n".join(module.objectives),
        "media": "\n".join(module.media),
        "readings": "\n".join(module.readings),
        "steps": steps,
        "indicators": "\n".join(module.indicators),
        "target_groups": module.target_groups,
        "questions-TOTAL_FORMS": "0",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_editing_a_module_goes_through_the_service_and_is_audited(admin_client):
    module = curriculum().modules.get(code="ppm")
    data = module_form(module, objectives="Peserta memahami PPM.\nPeserta mencatat pengaduan.")
    response = admin_client.post(f"/admin/training/module/{module.pk}/change/", data)
    assert response.status_code == 302
    module.refresh_from_db()
    assert module.objectives == ["Peserta memahami PPM.", "Peserta mencatat pengaduan."]
    assert AuditEvent.objects.filter(action="training.module_updated").exists()


def test_steps_that_do_not_add_up_to_the_duration_are_refused(admin_client):
    module = curriculum().modules.get(code="ppm")
    data = module_form(module, steps="30 | Curah pendapat | Diskusi")
    response = admin_client.post(f"/admin/training/module/{module.pk}/change/", data)
    assert response.status_code == 200
    assert "harus sama dengan durasi modul 4 JPL = 180 menit" in response.content.decode()


def test_settings_are_saved_through_the_service(admin_client):
    settings = TrainingSettings.current()
    response = admin_client.post(
        f"/admin/training/trainingsettings/{settings.pk}/change/",
        {"pass_mark": 75, "max_absence_pct": 20, "capacity_curriculum": "plpbk-inti"},
    )
    assert response.status_code == 302
    settings.refresh_from_db()
    assert (settings.pass_mark, settings.max_absence_pct) == (75, 20)
    assert AuditEvent.objects.filter(action="training.settings_updated").exists()


def test_trainings_are_read_only_in_the_admin(admin_client, bajur):
    t = training(bajur, ("konsep_plpbk",))
    assert admin_client.get("/admin/training/training/").status_code == 200
    response = admin_client.post(f"/admin/training/training/{t.pk}/change/", {"title": "X"})
    assert response.status_code == 403
    assert Training.objects.get(pk=t.pk).title != "X"


def test_the_question_bank_is_edited_with_its_module_through_one_service(admin_client):
    module = curriculum().modules.get(code="ppm")
    old = module.questions.order_by("order").first()
    data = module_form(module)
    data.update(
        {
            "questions-TOTAL_FORMS": "2",
            "questions-INITIAL_FORMS": "1",
            "questions-0-id": old.pk,
            "questions-0-module": module.pk,
            "questions-0-order": old.order,
            "questions-0-kind": old.kind,
            "questions-0-text": old.text,
            "questions-0-options": "\n".join(old.options),
            "questions-0-answer": old.answer,
            "questions-0-DELETE": "on",
            "questions-1-module": module.pk,
            "questions-1-order": "99",
            "questions-1-kind": "bs",
            "questions-1-text": "Pengaduan warga dicatat dan dijawab.",
            "questions-1-options": "",
            "questions-1-answer": "0",
        }
    )
    response = admin_client.post(f"/admin/training/module/{module.pk}/change/", data)
    assert response.status_code == 302
    assert not module.questions.filter(pk=old.pk).exists()
    added = module.questions.get(order=99)
    assert added.text == "Pengaduan warga dicatat dan dijawab."
    events = AuditEvent.objects.filter(action__startswith="training.question_")
    assert sorted(e.action for e in events) == [
        "training.question_removed",
        "training.question_saved",
    ]


def test_switching_a_curriculum_off_goes_through_the_service_and_is_audited(admin_client):
    found = curriculum()
    response = admin_client.post(
        f"/admin/training/curriculum/{found.pk}/change/",
        {
            "name": found.name,
            "description": found.description,
            "modules-TOTAL_FORMS": "0",
            "modules-INITIAL_FORMS": "0",
            "modules-MIN_NUM_FORMS": "0",
            "modules-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    found.refresh_from_db()
    assert not found.is_active
    event = AuditEvent.objects.get(action="training.curriculum_updated")
    assert event.changes == {"is_active": [True, False]}
