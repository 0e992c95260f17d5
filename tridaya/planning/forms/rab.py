"""Forms of RTPLP activities, their RAB lines and attachments."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tridaya.core.choices import Sector, TridayaDomain
from tridaya.core.forms import GeoJSONField
from tridaya.core.money import format_rupiah, parse_rupiah
from tridaya.core.uploads import kinds
from tridaya.core.uploads.fields import UploadField
from tridaya.mapping.selectors.problems import Problem
from tridaya.planning.calc import FundingSource
from tridaya.planning.forms.plans import (
    BENEFICIARY_FIELDS,
    BENEFICIARY_LABELS,
    FundingMixin,
    VolumeField,
    _problem_label,
    _styled,
)
from tridaya.planning.models import AttachmentKind, PriceItem
from tridaya.planning.services.rab import ActivityInput, RABItemInput
from tridaya.regions.models import RT


class ActivityForm(FundingMixin, forms.Form):
    name = forms.CharField(label=_("Nama kegiatan"), max_length=200)
    domain = forms.ChoiceField(label=_("Daya (Tridaya)"), choices=TridayaDomain.choices)
    sector = forms.ChoiceField(
        label=_("Sektor / aspek kumuh"), choices=Sector.choices, initial=Sector.DRAINAGE
    )
    year = forms.TypedChoiceField(label=_("Tahun"), coerce=int)
    location = forms.CharField(label=_("Lokasi"), max_length=200, required=False)
    rt = forms.ModelChoiceField(label=_("RT"), queryset=RT.objects.none(), required=False)
    geometry = GeoJSONField(label=_("Lokasi di peta (GeoJSON)"))
    volume = VolumeField(label=_("Volume"), initial=1)
    unit = forms.CharField(label=_("Satuan"), max_length=30, initial="paket")
    starts_on = forms.DateField(
        label=_("Mulai"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    ends_on = forms.DateField(
        label=_("Selesai"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    description = forms.CharField(
        label=_("Uraian"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    problems = forms.ModelMultipleChoiceField(
        label=_("Masalah yang dijawab"),
        queryset=Problem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    rplp_row: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Merinci baris rencana investasi RPLP"), queryset=None, required=False
    )
    main_source = forms.ChoiceField(
        label=_("Sumber dana utama"),
        choices=FundingSource.choices,
        initial=FundingSource.BLM,
        help_text=_("Menanggung sisa RAB setelah sumber dana lain di bawah."),
    )

    def __init__(self, *args, years, rts, problems, rplp_rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["rt"].queryset = rts
        self.fields["problems"].queryset = problems
        self.fields["problems"].label_from_instance = lambda p: _problem_label(p)
        self.fields["rplp_row"].queryset = rplp_rows
        self.add_funding_fields(
            [s for s in FundingSource if s not in (FundingSource.BLM, FundingSource.OTHER)]
        )
        for name in BENEFICIARY_FIELDS:
            self.fields[name] = forms.IntegerField(
                label=BENEFICIARY_LABELS[name], min_value=0, initial=0, required=False
            )
        _styled(self)
        self.fields["geometry"].widget.attrs["data-geometry-target"] = "1"

    def to_input(self) -> ActivityInput:
        d = self.cleaned_data
        funding = {s: a for s, a in self.funding().items() if s != d["main_source"]}
        return ActivityInput(
            name=d["name"],
            year=d["year"],
            domain=d["domain"],
            sector=d["sector"],
            description=d["description"],
            location=d["location"],
            rt_id=d["rt"].pk if d["rt"] else None,
            geometry=d["geometry"],
            volume=d["volume"],
            unit=d["unit"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            problem_ids=tuple(p.pk for p in d["problems"]),
            rplp_row_id=d["rplp_row"].pk if d["rplp_row"] else None,
            main_source=d["main_source"],
            funding=funding,
            **{name: d.get(name) or 0 for name in BENEFICIARY_FIELDS},
        )


class RABItemForm(forms.Form):
    price_item = forms.ModelChoiceField(
        label=_("Dari daftar HSPK"),
        queryset=PriceItem.objects.none(),
        required=False,
        help_text=_("Pilih harga dari HSPK, atau kosongkan dan isi sendiri di bawah."),
    )
    description = forms.CharField(label=_("Uraian pekerjaan"), max_length=300, required=False)
    volume = VolumeField(label=_("Volume"))
    unit = forms.CharField(label=_("Satuan"), max_length=30, required=False)
    unit_price = forms.CharField(
        label=_("Harga satuan (Rp)"),
        required=False,
        help_text=_("Kosongkan untuk memakai harga HSPK."),
    )

    def __init__(self, *args, price_items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["price_item"].queryset = price_items
        self.fields["price_item"].label_from_instance = lambda i: (
            f"{i.code} {i.name} ({i.unit}, {format_rupiah(i.price)})"
        )
        _styled(self)
        self.fields["unit_price"].widget.attrs["inputmode"] = "numeric"

    def clean_unit_price(self):
        value = self.cleaned_data.get("unit_price")
        return parse_rupiah(value) if value else None

    def clean(self):
        data = super().clean()
        if not data.get("price_item"):
            for name, message in (
                ("description", _("Isi uraian pekerjaan.")),
                ("unit", _("Isi satuan.")),
            ):
                if not data.get(name):
                    self.add_error(name, message)
            if data.get("unit_price") is None and "unit_price" not in self.errors:
                self.add_error("unit_price", _("Isi harga satuan, atau pilih dari HSPK."))
        return data

    def to_input(self) -> RABItemInput:
        d = self.cleaned_data
        return RABItemInput(
            volume=d["volume"],
            description=d["description"],
            unit=d["unit"],
            unit_price=d["unit_price"],
            price_item_id=d["price_item"].pk if d["price_item"] else None,
        )


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=AttachmentKind.choices)
    title = forms.CharField(label=_("Judul"), max_length=200)
    file = UploadField(accept=kinds.DOCUMENTS, group="document", label=_("Berkas"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)
