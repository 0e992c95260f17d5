"""Forms of regional unit price lists (HSPK)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tridaya.core.money import parse_rupiah
from tridaya.core.uploads import kinds
from tridaya.core.uploads.checks import check_table_upload
from tridaya.core.uploads.fields import UploadField
from tridaya.planning.forms.plans import _styled


class PriceListForm(forms.Form):
    name = forms.CharField(label=_("Nama"), max_length=200)
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    source = forms.CharField(label=_("Sumber (SK/Perbup)"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class PriceImportForm(forms.Form):
    file = UploadField(
        accept=kinds.TABLES,
        group="table",
        label=_("Berkas HSPK (XLSX atau CSV)"),
        help_text=_("Judul kolom: kode, uraian, satuan, harga (kelompok boleh)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise ValidationError(_("Unggah berkas .xlsx atau .csv."))
        check_table_upload(upload)
        return upload


class PriceChangeForm(forms.Form):
    price = forms.CharField(label=_("Harga satuan baru (Rp)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)

    def clean_price(self):
        return parse_rupiah(self.cleaned_data["price"])
