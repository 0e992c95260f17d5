"""What the page tests share: the address of a training's page, a facilitator of Bajur, the
text of a PDF, and a check that a page's query count does not grow when data is added."""

import io

import pytest
from pypdf import PdfReader

from tridaya.accounts.tests.factories import user_with_role
from tridaya.institutions.tests.factories import people
from tridaya.regions.tests.factories import BAJUR
from tridaya.training.models import Training
from tridaya.training.services.certificates import training_close
from tridaya.training.tests.factories import attend_all, enrol, score_all, training


def url(t: Training, suffix: str = "") -> str:
    return f"/wilayah/{t.region_id}/pelatihan/{t.pk}/{suffix}"


@pytest.fixture
def facilitator(bajur):
    return user_with_role("facilitator", BAJUR)


def pdf_text(content: bytes) -> str:
    return " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages
    )


def assert_constant(client, django_assert_num_queries, path: str, queries: int, more) -> str:
    """The page costs `queries` queries before and after `more()` adds data."""
    client.get(path)
    with django_assert_num_queries(queries):
        assert client.get(path).status_code == 200
    more()
    with django_assert_num_queries(queries):
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def add_training(held):
    t = training(held.region)
    enrol(t, people(held.region, 4), "bkm")
    attend_all(t)
    score_all(t, 40, 90)
    training_close(actor=None, training=t)
