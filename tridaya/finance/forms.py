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


LINES = 4


class VoucherForm(forms.Form):
    """A voucher of up to four lines; each line an account and a debit or a credit."""

    kind = forms.ChoiceField(label=_("Jenis bukti"), choices=())
    date = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    description = forms.CharField(label=_("Uraian"), max_length=300)
    evidence = forms.FileField(label=_("Foto/pindaian kuitansi"), required=False)

    def __init__(self, *args, accounts, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds
        choices = [("", "---------")] + [(a.pk, str(a)) for a in accounts]
        for n in range(1, LINES + 1):
            self.fields[f"account_{n}"] = forms.TypedChoiceField(
                label=_("Akun baris %(n)s") % {"n": n},
                choices=choices,
                coerce=int,
                required=n <= 2,
                empty_value=None,
            )
            self.fields[f"debit_{n}"] = RupiahField(
                label=_("Debit baris %(n)s") % {"n": n}, required=False
            )
            self.fields[f"credit_{n}"] = RupiahField(
                label=_("Kredit baris %(n)s") % {"n": n}, required=False
            )

    def lines(self) -> list[tuple[int, int, int]]:
        data = self.cleaned_data
        return [
            (data[f"account_{n}"], data.get(f"debit_{n}") or 0, data.get(f"credit_{n}") or 0)
            for n in range(1, LINES + 1)
            if data.get(f"account_{n}")
        ]


class ReverseForm(forms.Form):
    date = forms.DateField(
        label=_("Tanggal pembatalan"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}))


class SignForm(forms.Form):
    signer_name = forms.CharField(label=_("Nama penanda tangan"), max_length=150)
    signed_on = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    approve = forms.TypedChoiceField(
        label=_("Keputusan"),
        choices=[("1", _("Setuju")), ("0", _("Kembalikan"))],
        coerce=lambda value: value == "1",
    )
    notes = forms.CharField(
        label=_("Catatan / alasan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PeriodCloseForm(forms.Form):
    month = forms.IntegerField(label=_("Bulan"), min_value=1, max_value=12)
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
