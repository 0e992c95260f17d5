from django import forms
from django.utils.translation import gettext_lazy as _

from tridaya.core.choices import Sex
from tridaya.core.forms import bootstrapify
from tridaya.core.uploads import kinds
from tridaya.core.uploads.fields import UploadField
from tridaya.works.models import PackageStatus, Recipient


class _Styled(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


SLOTS = [("", _("Bukan slot bukti")), ("0", "0%"), ("50", "50%"), ("100", "100%")]


class ProgressForm(_Styled):
    date = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    percent = forms.DecimalField(
        label=_("Progres fisik (%)"), min_value=0, max_value=100, decimal_places=2
    )
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    photo = UploadField(
        label=_("Foto (dengan lokasi dan waktu)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg"}),
    )
    slot = forms.ChoiceField(label=_("Slot bukti"), choices=SLOTS, required=False)
    submit = forms.BooleanField(label=_("Langsung ajukan ke fasilitator"), required=False)


class PhotoForm(_Styled):
    photo = UploadField(
        label=_("Foto (dengan lokasi dan waktu)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg"}),
    )
    slot = forms.ChoiceField(label=_("Slot bukti"), choices=SLOTS, required=False)
    caption = forms.CharField(label=_("Keterangan"), required=False, max_length=200)


class ReturnForm(_Styled):
    reason = forms.CharField(
        label=_("Alasan dikembalikan"), widget=forms.Textarea(attrs={"rows": 2})
    )


class StatusFilter(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Semua"))] + list(PackageStatus.choices), required=False
    )


class PackageForm(_Styled):
    activity = forms.TypedChoiceField(label=_("Kegiatan RTPLP yang sudah disahkan"), coerce=int)
    ksm = forms.TypedChoiceField(
        label=_("KSM pelaksana"), coerce=int, required=False, empty_value=None
    )
    builder_name = forms.CharField(
        label=_("Atau panitia pelaksana"), required=False, max_length=150
    )
    starts_on = forms.DateField(
        label=_("Rencana mulai"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Rencana selesai"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, activities=(), ksms=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = [(a.pk, a.name) for a in activities]
        self.fields["ksm"].choices = [("", "-")] + [(k.pk, k.name) for k in ksms]


DATE_INPUT = {"type": "date"}


def _date(label) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"))


def _rupiah(label, *, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        required=required,
        initial=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class ScheduleForm(forms.Form):
    """The planned weeks of each RAB line (fields start_<id> and end_<id>)."""

    def __init__(self, *args, items=(), weeks: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            for edge, label, value in (
                ("start", _("minggu mulai"), item.start_week),
                ("end", _("minggu selesai"), item.end_week),
            ):
                self.fields[f"{edge}_{item.pk}"] = forms.IntegerField(
                    label=f"{item.description}: {label}",
                    min_value=1,
                    max_value=weeks,
                    initial=value,
                    widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                )
        bootstrapify(self)

    def weeks(self) -> dict[int, tuple[int, int]]:
        data = self.cleaned_data
        return {i.pk: (data[f"start_{i.pk}"], data[f"end_{i.pk}"]) for i in self.items}


class BeneficiaryForm(_Styled):
    name = forms.CharField(label=_("Nama"), max_length=150)
    sex = forms.ChoiceField(label=_("Jenis kelamin"), choices=Sex.choices)
    nik = forms.RegexField(
        label=_("NIK (16 angka, boleh kosong)"),
        regex=r"^\d{16}$",
        required=False,
        error_messages={"invalid": _("NIK harus 16 angka.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    mbr = forms.BooleanField(label=_("MBR"), required=False)
    poor = forms.BooleanField(label=_("KK miskin"), required=False)


class HandoverForm(_Styled):
    number = forms.CharField(label=_("Nomor BAST"), max_length=80)
    date = _date(_("Tanggal serah terima"))
    recipient = forms.ChoiceField(label=_("Penerima"), choices=Recipient.choices)
    kpp = forms.TypedChoiceField(
        label=_("KPP penerima"), coerce=int, required=False, empty_value=None
    )
    pemda_office = forms.CharField(
        label=_("Atau instansi pemda penerima"), required=False, max_length=200
    )
    asset_kind = forms.CharField(label=_("Jenis aset"), required=False, max_length=100)
    design_life_years = forms.IntegerField(
        label=_("Umur rencana (tahun)"), min_value=1, max_value=100, initial=10
    )
    notes = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, kpps=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kpp"].choices = [("", "-")] + [(k.pk, k.name) for k in kpps]


class OmPlanForm(_Styled):
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    use_plan = forms.CharField(
        label=_("Rencana pemanfaatan"), widget=forms.Textarea(attrs={"rows": 2})
    )
    revenue_plan = _rupiah(_("Rencana penerimaan (Rp)"))
    spending_plan = _rupiah(_("Rencana pengeluaran (Rp)"))
    maintenance_schedule = forms.CharField(
        label=_("Jadwal pemeliharaan"), widget=forms.Textarea(attrs={"rows": 2})
    )


class CheckForm(_Styled):
    year = forms.IntegerField(label=_("Tahun O&P"), min_value=2000, max_value=2100)
    checked_on = _date(_("Tanggal pemeriksaan"))
    exists = forms.BooleanField(label=_("Masih ada"), required=False)
    good_condition = forms.BooleanField(label=_("Kondisi baik"), required=False)
    functioning = forms.BooleanField(label=_("Masih berfungsi"), required=False)
    used = forms.BooleanField(label=_("Masih dimanfaatkan"), required=False)
    upgraded = forms.BooleanField(label=_("Dikembangkan/ditingkatkan"), required=False)
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    FLAGS = ("exists", "good_condition", "functioning", "used", "upgraded")

    def flags(self) -> dict[str, bool]:
        return {name: self.cleaned_data[name] for name in self.FLAGS}


class MaintenanceForm(_Styled):
    date = _date(_("Tanggal"))
    description = forms.CharField(label=_("Pekerjaan pemeliharaan"), max_length=300)
    cost = _rupiah(_("Biaya (Rp)"))


class IuranForm(_Styled):
    date = _date(_("Tanggal"))
    amount = forms.IntegerField(
        label=_("Iuran terkumpul (Rp)"),
        min_value=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    payers = forms.CharField(label=_("Pembayar (mis. 40 KK RT 02)"), required=False, max_length=100)


class HandledForm(_Styled):
    rt = forms.TypedChoiceField(label=_("RT"), coerce=int)
    year = forms.TypedChoiceField(label=_("Tahun profil kumuh"), coerce=int)
    code = forms.ChoiceField(label=_("Kriteria kumuh"))
    amount = forms.DecimalField(
        label=_("Volume tertangani"), min_value=0, max_digits=14, decimal_places=3
    )

    def __init__(self, *args, rts=(), years=(), criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rt"].choices = [(rt.pk, str(rt)) for rt in rts]
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["code"].choices = list(criteria)


class ImportForm(_Styled):
    file = UploadField(
        accept=kinds.SURVEYS,
        group="survey",
        label=_("Ekspor KoBoToolbox / ODK Central (ZIP dengan foto)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,.csv,.xlsx"}),
    )
    mode = forms.ChoiceField(label=_("Mode impor"))

    def __init__(self, *args, modes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mode"].choices = list(modes)
