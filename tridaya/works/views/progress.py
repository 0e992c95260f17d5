"""The progress report form for ODK Collect / KoboCollect: the village's XLSForm to download,
and the upload of its KoBoToolbox or ODK Central export (a ZIP with the photos), imported
through mapping's survey importer as the KSM's progress entries."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render

from tridaya.core.pages import apply_service_error
from tridaya.core.policy import authorize
from tridaya.works import fieldform
from tridaya.works.forms import ImportForm
from tridaya.works.views.packages import XLSX, _village


def _modes():
    from tridaya.mapping.models import ImportMode

    return ImportMode.choices


def progress_form_file(request, code: str):
    """The village's XLSForm (its packages as choices), checked with pyxform."""
    village = _village(code)
    authorize(request.user, "works.import_progress", village)
    built = fieldform.xlsform_for(village)
    response = HttpResponse(built.content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{built.filename}"'
    return response


def progress_import(request, code: str):
    """Upload an export of the progress form; the report lists every bad row with its line,
    column and reason (a strict import stores nothing when a row is bad)."""
    from tridaya.mapping.services.surveys import survey_import

    village = _village(code)
    authorize(request.user, "works.import_progress", village)
    form = ImportForm(request.POST or None, request.FILES or None, modes=_modes())
    batch = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = survey_import(
                actor=request.user,
                village=village,
                form=fieldform.FORM,
                file=upload,
                filename=upload.name,
                mode=form.cleaned_data["mode"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
    context = {"village": village, "form": form, "batch": batch, "title": fieldform.LABEL}
    status = 400 if form.errors or (batch is not None and batch.status == "rejected") else 200
    return render(request, "works/progress_import.html", context, status=status)
