"""Free text has a maximum length that fits its use (issue 11, item 11): model validation refuses
a longer text with an Indonesian message that names the field and the limit, on the field, and
a model form gets the same limit."""

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from tridaya.core.fields import TEXT_CHAPTER, TEXT_NOTE, BoundedTextField
from tridaya.planning.services import plans
from tridaya.planning.tests import factories as f


def test_every_free_text_field_of_the_apps_has_a_limit():
    """Job.error is written by the job runner and PersonalDataView.subjects by the NIK access log
    (digests of what was shown), not typed by anyone."""
    unbounded = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("tridaya.")
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField) and field.max_length is None
    ]
    assert sorted(unbounded) == ["core.Job.error", "core.PersonalDataView.subjects"]


def test_a_text_over_its_limit_is_refused_naming_the_field_and_the_limit():
    field = BoundedTextField("catatan pemeriksa", max_length=20)
    field.clean("x" * 20, None)
    with pytest.raises(ValidationError) as caught:
        field.clean("x" * 1234, None)
    assert caught.value.messages == [
        "Catatan pemeriksa terlalu panjang: 1.234 huruf, paling banyak 20 huruf. Persingkat isinya."
    ]


def test_a_model_form_gets_the_same_limit_and_message():
    form_field = BoundedTextField("keterangan", max_length=5).formfield()
    assert isinstance(form_field, forms.CharField) and form_field.max_length == 5
    assert form_field.widget.attrs["maxlength"] == "5"
    with pytest.raises(ValidationError, match="Keterangan terlalu panjang: 6 huruf, paling"):
        form_field.clean("abcdef")


@pytest.mark.django_db
def test_a_plan_chapter_over_its_limit_is_refused_on_its_field(bajur):
    version = f.first_version(f.rplp(bajur))
    with pytest.raises(ValidationError) as caught:
        plans.version_update_texts(
            actor=None,
            version=version,
            data=plans.VersionTexts(vision="v" * (TEXT_NOTE + 1), concept="k" * TEXT_CHAPTER),
        )
    assert list(caught.value.message_dict) == ["vision"]
    assert caught.value.message_dict["vision"] == [
        "Visi terlalu panjang: 2.001 huruf, paling banyak 2000 huruf. Persingkat isinya."
    ]
