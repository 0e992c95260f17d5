"""Forms of the money pages; each only collects input for a service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tridaya.core.money import parse_rupiah


class RupiahField(forms.CharField):
    """Whole rupiah as people type it ('Rp 1.250.000', '1250000')."""

    def to_python(self, value):
        value = super().to_python(value)
        return parse_rupiah(value) if value not in (None, "") else None


class PeriodForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100, required=False)


class ReconciliationForm(forms.Form):
    statement_date = forms.DateField(
        label=_("Tanggal rekening koran"), widget=forms.DateInput(attrs={"type": "date"})
    )
    statement_balance = RupiahField(label=_("Saldo menurut bank (Rp)"))
    explanation = forms.CharField(
        label=_("Penjelasan selisih"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
