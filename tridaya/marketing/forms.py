"""Forms of the marketing pages (Indonesian labels; rupiah typed as 'Rp 1.500.000' or 1500000)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tridaya.core.forms import bootstrapify
from tridaya.core.money import parse_rupiah
from tridaya.core.uploads.fields import UploadField
from tridaya.marketing.files import AGREEMENT_KINDS
from tridaya.marketing.models import AgreementKind, ForumKind, PartnerType


class RupiahField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            amount = parse_rupiah(value)
        except (ValueError, ValidationError) as exc:
            raise ValidationError(_("Tulis jumlah rupiah tanpa sen, misalnya 1.500.000.")) from exc
        if amount is None or amount <= 0:
            raise ValidationError(_("Jumlah harus lebih dari Rp 0."))
        return amount


class _Form(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PartnerForm(_Form):
    name = forms.CharField(label=_("Nama organisasi"), max_length=200)
    kind = forms.ChoiceField(label=_("Jenis mitra"), choices=PartnerType.choices)
    acts_in = forms.ChoiceField(label=_("Wilayah kerja"))
    sources = forms.MultipleChoiceField(
        label=_("Sumber dana"), required=False, widget=forms.CheckboxSelectMultiple
    )
    sectors = forms.CharField(label=_("Bidang / sektor"), max_length=200, required=False)
    address = forms.CharField(label=_("Alamat kantor"), max_length=300, required=False)
    website = forms.URLField(label=_("Situs web"), required=False, assume_scheme="https")
    notes = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea({"rows": 2}))

    def __init__(self, *args, regions=(), sources=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["acts_in"].choices = [(r.code, f"{r.code} {r}") for r in regions]
        self.fields["sources"].choices = [(s.code, s.label) for s in sources]
        self.fields["sources"].widget.attrs["class"] = "list-unstyled small"


class ContactForm(_Form):
    name = forms.CharField(label=_("Nama"), max_length=120)
    position = forms.CharField(label=_("Jabatan"), max_length=120, required=False)
    phone = forms.CharField(label=_("Telepon"), max_length=30, required=False)
    email = forms.EmailField(label=_("Surel"), required=False)


class PledgeForm(_Form):
    target = forms.ChoiceField(label=_("Kegiatan"))
    partner = forms.ChoiceField(label=_("Mitra"))
    source = forms.ChoiceField(label=_("Sumber dana"))
    amount = RupiahField(label=_("Nilai janji (Rp)"))
    year = forms.IntegerField(label=_("Tahun anggaran"), min_value=2000, max_value=2100)
    pledged_on = forms.DateField(label=_("Tanggal janji"), widget=DATE)
    meeting = forms.ChoiceField(label=_("Pertemuan / forum"), required=False)

    def __init__(self, *args, targets=(), partners=(), sources=(), meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [(t.key, f"{t.plan_title}: {t.name}") for t in targets]
        self.fields["partner"].choices = [(str(p.pk), p.name) for p in partners]
        self.fields["source"].choices = [(s.code, s.label) for s in sources]
        self.fields["meeting"].choices = [("", "-")] + [
            (str(m.pk), f"{m.held_on:%d-%m-%Y} {m.display_title}") for m in meetings
        ]


class CommitForm(_Form):
    agreement_kind = forms.ChoiceField(label=_("Jenis kesepakatan"), choices=AgreementKind.choices)
    agreement_file = UploadField(
        accept=AGREEMENT_KINDS,
        group="document",
        label=_("Berkas kesepakatan yang ditandatangani"),
    )
    committed_on = forms.DateField(label=_("Tanggal kesepakatan"), widget=DATE)
    amount = RupiahField(
        label=_("Nilai komitmen (Rp)"),
        required=False,
        help_text=_("Kosongkan bila sama dengan nilai janji."),
    )
    conditions = forms.CharField(
        label=_("Syarat"), required=False, widget=forms.Textarea({"rows": 2})
    )
    over_commit_reason = forms.CharField(
        label=_("Alasan bila melebihi biaya"), required=False, widget=forms.Textarea({"rows": 2})
    )


class RealiseForm(_Form):
    amount = RupiahField(label=_("Nilai realisasi (Rp)"))
    realised_on = forms.DateField(label=_("Tanggal realisasi"), widget=DATE)
    evidence_file = UploadField(
        accept=AGREEMENT_KINDS, group="document", label=_("Bukti (kuitansi, BAST, foto)")
    )
    in_kind = forms.BooleanField(label=_("Dalam bentuk barang/jasa"), required=False)
    in_kind_description = forms.CharField(label=_("Uraian barang/jasa"), required=False)
    through_bkm = forms.BooleanField(
        label=_("Uang diterima di rekening BKM (dibukukan di Buku Kas Umum)"), required=False
    )
    over_commit_reason = forms.CharField(
        label=_("Alasan bila melebihi biaya"), required=False, widget=forms.Textarea({"rows": 2})
    )


class ReasonForm(_Form):
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea({"rows": 2}))
    on = forms.DateField(label=_("Tanggal"), widget=DATE, required=False)


class ProspectusForm(_Form):
    version = forms.ChoiceField(label=_("Rencana yang disahkan"))
    introduction = forms.CharField(
        label=_("Pengantar untuk mitra"), required=False, widget=forms.Textarea({"rows": 3})
    )

    def __init__(self, *args, versions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].choices = [
            (str(v.pk), f"{v.plan.title} v{v.number}") for v in versions
        ]


class ForumForm(_Form):
    region = forms.ChoiceField(label=_("Tingkat forum"))
    kind = forms.ChoiceField(label=_("Jenis forum"), choices=ForumKind.choices)
    meeting = forms.ChoiceField(label=_("Pertemuan (dari siklus)"))
    bkm_members = forms.IntegerField(label=_("Anggota BKM hadir"), min_value=0, initial=0)
    functioning = forms.BooleanField(label=_("Forum berfungsi"), required=False, initial=True)
    notes = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea({"rows": 2}))

    def __init__(self, *args, regions=(), meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [(r.code, f"{r.get_level_display()} {r}") for r in regions]
        self.fields["meeting"].choices = [
            (str(m.pk), f"{m.held_on:%d-%m-%Y} {m.display_title}") for m in meetings
        ]
