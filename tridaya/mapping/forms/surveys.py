"""The survey upload form as the survey pages use it: the household part's form
(`forms_households.SurveyUploadForm`: its size limit and choices), taking a ZIP export with its
photos as well as a CSV or XLSX."""

from __future__ import annotations

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tridaya.core.uploads import kinds
from tridaya.core.uploads.fields import UploadField
from tridaya.mapping.forms import households as forms_households
from tridaya.mapping.forms.households import max_upload_mb

ACCEPTED = ".csv,.xlsx,.zip,text/csv,application/zip"


def _upload_help() -> str:
    return gettext(
        "CSV atau XLSX dari KoBoToolbox (nilai dan judul kolom XML), CSV dari ODK Central, atau "
        "ZIP berisi ekspor itu beserta fotonya (ODK Central: semua data dan media; KoBoToolbox: "
        "ekspor ditambah lampiran media). Paling besar %(mb)s MB."
    ) % {"mb": max_upload_mb()}


class SurveyUploadForm(forms_households.SurveyUploadForm):
    file = UploadField(
        accept=kinds.SURVEYS,
        group="survey",
        label=_("Berkas ekspor"),
        help_text=lazy(_upload_help, str)(),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED}),
    )
