"""Forms of the money pages; each only collects input for a service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tridaya.core.money import parse_rupiah
from tridaya.core.uploads import kinds
from tridaya.core.uploads.fields import UploadField

EVIDENCE = kinds.IMAGES | {kinds.Kind.PDF}  # a receipt's photo or scan


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
    evidence = UploadField(
        accept=EVIDENCE, group="document", label=_("Foto/pindaian kuitansi"), required=False
    )

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


DATE = forms.DateInput(attrs={"type": "date"})


class AllocationForm(forms.Form):
    program = forms.ChoiceField(label=_("Program"), choices=())
    budget_year = forms.IntegerField(label=_("Tahun anggaran"), min_value=2000, max_value=2100)
    amount = RupiahField(
        label=_("Nilai alokasi (Rp)"),
        required=False,
        help_text=_("Kosongkan untuk memakai nilai baku program."),
    )
    funding_source = forms.CharField(label=_("Sumber dana"), max_length=60, required=False)

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].choices = programs


class RequestCreateForm(forms.Form):
    allocation = forms.TypedChoiceField(label=_("Alokasi"), choices=(), coerce=int)
    tranche = forms.IntegerField(label=_("Tahap ke"), min_value=1, max_value=10)

    def __init__(self, *args, allocations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["allocation"].choices = [(a.pk, str(a)) for a in allocations]


class ProposalForm(forms.Form):
    allocation = forms.TypedChoiceField(label=_("Alokasi"), choices=(), coerce=int)
    ksm = forms.TypedChoiceField(label=_("KSM"), choices=(), coerce=int)
    number = forms.CharField(label=_("Nomor usulan"), max_length=60)
    proposed_on = forms.DateField(label=_("Tanggal usulan"), widget=DATE)

    def __init__(self, *args, allocations, ksms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["allocation"].choices = [(a.pk, str(a)) for a in allocations]
        self.fields["ksm"].choices = [(k.pk, k.name) for k in ksms]


class ProposalActivityForm(forms.Form):
    plan_activity_id = forms.TypedChoiceField(
        label=_("Kegiatan dari RTPLP yang disahkan"), choices=(), coerce=int
    )

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_activity_id"].choices = [
            (
                line.activity_id,
                f"{line.component} ({line.location})" if line.location else line.component,
            )
            for line in lines
        ]


class VerifyForm(forms.Form):
    verified_on = forms.DateField(label=_("Tanggal verifikasi"), widget=DATE)
    accept = forms.TypedChoiceField(
        label=_("Keputusan"),
        choices=[("1", _("Terima")), ("0", _("Kembalikan"))],
        coerce=lambda value: value == "1",
    )
    reason = forms.CharField(
        label=_("Alasan bila dikembalikan"),
        required=False,
        widget=forms.Textarea({"rows": 2, "class": "form-control"}),
    )


class CashPlanForm(forms.Form):
    activity = forms.TypedChoiceField(label=_("Kegiatan"), choices=(), coerce=int)
    tranche = forms.IntegerField(label=_("Tahap ke"), min_value=1, max_value=10)
    category = forms.ChoiceField(label=_("Kelompok biaya"), choices=())
    item = forms.CharField(label=_("Uraian"), max_length=200)
    unit = forms.CharField(label=_("Satuan"), max_length=30)
    quantity_needed = forms.DecimalField(label=_("Jumlah kebutuhan"), min_value=0)
    realised_before = forms.DecimalField(
        label=_("Sudah terealisasi"), min_value=0, required=False, initial=0
    )
    requested = forms.DecimalField(label=_("Diminta sekarang"), min_value=0)
    unit_price = RupiahField(label=_("Harga satuan (Rp)"))

    def __init__(self, *args, activities, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = [(a.pk, a.name) for a in activities]
        self.fields["category"].choices = categories


class ReleaseForm(forms.Form):
    activity = forms.TypedChoiceField(label=_("Kegiatan"), choices=(), coerce=int)
    tranche = forms.IntegerField(label=_("Tahap ke"), min_value=1, max_value=10)
    amount = RupiahField(label=_("Nilai pencairan ke KSM (Rp)"))
    date = forms.DateField(label=_("Tanggal"), widget=DATE)

    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = [(a.pk, a.name) for a in activities]


QUOTES = 3


class PriceSurveyForm(forms.Form):
    """A price survey of one item with up to three shops' quotes."""

    activity = forms.TypedChoiceField(label=_("Kegiatan"), choices=(), coerce=int)
    item = forms.CharField(label=_("Barang"), max_length=200)
    unit = forms.CharField(label=_("Satuan"), max_length=30)
    surveyed_on = forms.DateField(label=_("Tanggal survei"), widget=DATE)
    surveyor = forms.CharField(label=_("Nama penyurvei"), max_length=150)
    tender_reference = forms.CharField(
        label=_("Nomor lelang (di atas batas penawaran tertulis)"), required=False, max_length=120
    )

    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = [(a.pk, a.name) for a in activities]
        for n in range(1, QUOTES + 1):
            self.fields[f"shop_{n}"] = forms.CharField(
                label=_("Toko %(n)s") % {"n": n}, required=n == 1, max_length=150
            )
            self.fields[f"price_{n}"] = RupiahField(
                label=_("Harga satuan toko %(n)s (Rp)") % {"n": n}, required=n == 1
            )
            self.fields[f"written_{n}"] = forms.BooleanField(
                label=_("Penawaran tertulis toko %(n)s") % {"n": n}, required=False
            )

    def quotes(self) -> list[tuple[str, int, bool]]:
        data = self.cleaned_data
        return [
            (data[f"shop_{n}"], data.get(f"price_{n}") or 0, bool(data.get(f"written_{n}")))
            for n in range(1, QUOTES + 1)
            if data.get(f"shop_{n}")
        ]


class PurchaseForm(forms.Form):
    quote = forms.TypedChoiceField(label=_("Penawaran yang dipilih"), choices=(), coerce=int)
    quantity = forms.DecimalField(label=_("Jumlah dibeli"), min_value=0)
    category = forms.ChoiceField(label=_("Kelompok biaya"), choices=())
    date = forms.DateField(label=_("Tanggal"), widget=DATE)
    evidence = UploadField(
        accept=EVIDENCE, group="document", label=_("Foto/pindaian kuitansi"), required=False
    )

    def __init__(self, *args, quotes, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quote"].choices = quotes
        self.fields["category"].choices = categories


class SwadayaForm(forms.Form):
    form = forms.ChoiceField(label=_("Bentuk swadaya"), choices=())
    date = forms.DateField(label=_("Tanggal"), widget=DATE)
    description = forms.CharField(label=_("Uraian"), max_length=300)
    amount = RupiahField(label=_("Nilai (tunai/bahan, Rp)"), required=False)
    days = forms.IntegerField(label=_("HOK (orang-hari, tenaga)"), min_value=0, required=False)
    daily_rate = RupiahField(label=_("Nilai per HOK (Rp)"), required=False)
    workers_men = forms.IntegerField(label=_("Pekerja laki-laki"), min_value=0, required=False)
    workers_women = forms.IntegerField(label=_("Pekerja perempuan"), min_value=0, required=False)
    ksm = forms.TypedChoiceField(
        label=_("KSM"), choices=(), coerce=int, required=False, empty_value=None
    )
    evidence = UploadField(accept=EVIDENCE, group="document", label=_("Foto/bukti"), required=False)

    def __init__(self, *args, forms_choices, ksms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].choices = forms_choices
        self.fields["ksm"].choices = [("", "---------")] + [(k.pk, k.name) for k in ksms]


FINDINGS = 3


class AuditForm(forms.Form):
    year = forms.IntegerField(label=_("Tahun buku"), min_value=2000, max_value=2100)
    auditor = forms.CharField(label=_("Auditor (KAP)"), max_length=200)
    audited_on = forms.DateField(label=_("Tanggal laporan audit"), widget=DATE)
    opinion = forms.ChoiceField(label=_("Opini"), choices=())

    def __init__(self, *args, opinions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opinion"].choices = opinions
        for n in range(1, FINDINGS + 1):
            self.fields[f"finding_{n}"] = forms.CharField(
                label=_("Temuan %(n)s") % {"n": n},
                required=False,
                widget=forms.Textarea({"rows": 2, "class": "form-control"}),
            )
            self.fields[f"follow_up_{n}"] = forms.CharField(
                label=_("Tindak lanjut temuan %(n)s") % {"n": n}, required=False
            )
            self.fields[f"due_on_{n}"] = forms.DateField(
                label=_("Batas waktu temuan %(n)s") % {"n": n}, required=False, widget=DATE
            )

    def findings(self) -> list[tuple[str, str, object]]:
        data = self.cleaned_data
        return [
            (data[f"finding_{n}"], data.get(f"follow_up_{n}") or "", data.get(f"due_on_{n}"))
            for n in range(1, FINDINGS + 1)
            if data.get(f"finding_{n}")
        ]


class RequestDocumentsForm(forms.Form):
    """The PP-BLM's document checklist: for each document of the tranche, present, correct and
    a note (fields doc_<n>_present, doc_<n>_correct, doc_<n>_note in the checklist's order)."""

    def __init__(self, *args, checklist: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.codes = [item["code"] for item in checklist]
        for n, item in enumerate(checklist):
            self.fields[f"doc_{n}_present"] = forms.BooleanField(
                label=_("%(document)s: ada") % {"document": item["label"]},
                required=False,
                initial=bool(item.get("present")),
            )
            self.fields[f"doc_{n}_correct"] = forms.BooleanField(
                label=_("%(document)s: isinya benar") % {"document": item["label"]},
                required=False,
                initial=bool(item.get("correct")),
            )
            self.fields[f"doc_{n}_note"] = forms.CharField(
                label=_("%(document)s: catatan") % {"document": item["label"]},
                required=False,
                max_length=300,
                initial=item.get("note", ""),
            )

    def documents(self) -> dict[str, dict]:
        data = self.cleaned_data
        return {
            code: {
                "present": data[f"doc_{n}_present"],
                "correct": data[f"doc_{n}_correct"],
                "note": data[f"doc_{n}_note"],
            }
            for n, code in enumerate(self.codes)
        }


class LpjSubmitForm(forms.Form):
    allocation = forms.TypedChoiceField(label=_("Alokasi"), choices=(), coerce=int)
    tranche = forms.IntegerField(
        label=_("Tahap ke"), min_value=0, max_value=10, help_text=_("Isi 0 untuk LPJ akhir.")
    )
    period_end = forms.DateField(label=_("Akhir periode laporan"), widget=DATE)

    def __init__(self, *args, allocations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["allocation"].choices = [(a.pk, str(a)) for a in allocations]


class LpjDecisionForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Keputusan"),
        choices=[("1", _("Terima")), ("0", _("Kembalikan untuk diperbaiki"))],
        coerce=lambda value: value == "1",
    )
    reason = forms.CharField(
        label=_("Alasan / yang harus diperbaiki"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib bila LPJ dikembalikan."),
    )


ALLOCATION_MOVES = [
    ("suspend", _("Tangguhkan")),
    ("resume", _("Lanjutkan")),
    ("cancel", _("Batalkan")),
    ("close", _("Tutup")),
]


class AllocationStatusForm(forms.Form):
    move = forms.ChoiceField(label=_("Tindakan"), choices=ALLOCATION_MOVES)
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 3}))


class ReturnUnspentForm(forms.Form):
    date = forms.DateField(label=_("Tanggal setor ke kas negara"), widget=DATE)
    reason = forms.CharField(label=_("Keterangan"), widget=forms.Textarea(attrs={"rows": 2}))
    evidence = UploadField(
        accept=EVIDENCE, group="document", label=_("Bukti setor (foto/pindaian)"), required=False
    )


class FindingCloseForm(forms.Form):
    closed_on = forms.DateField(label=_("Tanggal selesai"), widget=DATE)
    note = forms.CharField(
        label=_("Yang sudah dilakukan"), widget=forms.Textarea(attrs={"rows": 3})
    )


class TaxLineForm(forms.Form):
    tax_type = forms.ChoiceField(label=_("Jenis pajak"), choices=())
    base = RupiahField(label=_("Dasar pengenaan (Rp)"))
    rate = forms.DecimalField(
        label=_("Tarif (%)"), max_digits=5, decimal_places=2, min_value=0, max_value=100
    )
    deposit_proof = forms.CharField(
        label=_("Bukti setor (NTPN)"),
        max_length=60,
        required=False,
        help_text=_("Boleh diisi kemudian setelah pajak disetor."),
    )

    def __init__(self, *args, tax_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tax_type"].choices = [(t, t) for t in tax_types]


class TaxDepositForm(forms.Form):
    deposit_proof = forms.CharField(
        label=_("Bukti setor (NTPN)"),
        max_length=60,
        help_text=_("16 huruf dan angka, seperti tercetak pada Bukti Penerimaan Negara."),
    )
    deposit_evidence = UploadField(
        accept=EVIDENCE,
        group="document",
        label=_("Foto/pindaian Bukti Penerimaan Negara"),
        required=False,
    )
