import pytest
from django import forms
from django.core.exceptions import ValidationError

from tridaya.core.choices import Sector, Sex, TridayaDomain
from tridaya.core.errors import CoreError, DomainError
from tridaya.core.pages import apply_service_error
from tridaya.core.reasons import MIN_REASON_LENGTH, require_reason
from tridaya.core.tabular import RowProblem


def test_require_reason_strips_and_refuses_short_reasons_with_the_callers_code():
    assert require_reason("  " + "a" * MIN_REASON_LENGTH + "  ") == "a" * MIN_REASON_LENGTH
    with pytest.raises(DomainError) as error:
        require_reason("a" * (MIN_REASON_LENGTH - 1) + "   ", code="app_reason_too_short")
    assert error.value.code == "app_reason_too_short"
    assert f"paling sedikit {MIN_REASON_LENGTH} huruf" in error.value.messages[0]
    with pytest.raises(DomainError) as error:
        require_reason(None, field="decision_rationale")
    assert (error.value.code, error.value.field) == (
        CoreError.REASON_TOO_SHORT,
        "decision_rationale",
    )


class ReasonForm(forms.Form):
    reason = forms.CharField()
    amount = forms.IntegerField()


def _form() -> ReasonForm:
    form = ReasonForm({"reason": "x", "amount": "1"})
    assert form.is_valid()
    return form


def test_apply_service_error_puts_the_error_where_it_belongs():
    form = _form()
    apply_service_error(form, DomainError("Terlalu pendek.", code="c", field="reason"))
    assert form.errors == {"reason": ["Terlalu pendek."]}

    form = _form()
    apply_service_error(form, ValidationError({"amount": "Negatif.", "other": "Lain."}))
    assert form.errors == {"amount": ["Negatif."], "__all__": ["Lain."]}

    form = _form()
    apply_service_error(form, DomainError("Ditolak.", code="c", field="not_on_this_form"))
    assert form.non_field_errors() == ["Ditolak."]

    form = _form()
    error = DomainError("Berkas salah.", code="c")
    error.problems = [RowProblem(2, "harga", "bukan angka"), RowProblem(3, "", "kosong")]
    apply_service_error(form, error)
    assert form.non_field_errors() == ["Baris 2, kolom harga: bukan angka", "Baris 3: kosong"]


def test_program_wide_choices_keep_their_stored_values():
    assert Sex.values == ["L", "P"]
    assert TridayaDomain.values == ["L", "E", "S"]
    from tridaya.institutions.models import Sex as InstitutionsSex
    from tridaya.mapping.models import Sector as MappingSector
    from tridaya.mapping.models import TridayaDomain as MappingDomain

    assert InstitutionsSex is Sex and MappingDomain is TridayaDomain
    assert MappingSector is Sector and Sector.DRAINAGE == "drainase"


@pytest.mark.django_db
def test_a_selectors_not_found_is_a_404_on_pages_and_in_the_api(client, bajur):
    from django.http import Http404

    from tridaya.core.errors import NotFound
    from tridaya.core.pages import found_or_404
    from tridaya.core.selectors import one_of
    from tridaya.regions.models import Region

    with pytest.raises(NotFound, match="tidak ditemukan"):
        one_of(Region.objects.all(), code="99.99")
    assert one_of(Region.objects.all(), code=bajur.code) == bajur
    with pytest.raises(Http404):
        found_or_404(one_of, Region.objects.all(), code="99.99")
    # regions.selectors.region_page raises NotFound; the page and the API answer 404.
    assert client.get("/wilayah/99.99/").status_code == 404
    assert client.get("/api/v1/villages/99.99.99.9999/units/").status_code == 404
