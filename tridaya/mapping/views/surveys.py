"""The survey round trip of a village: download its XLSForms (household survey, RT profile
survey, problem/potential report) for KoBoToolbox or ODK Central, upload the exported
submissions, and read each import's report; download quarantined rows to correct them. For the
roles in `mapping.import_surveys` only: reports quote the cells that were wrong, names included."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tridaya.core.policy import authorize
from tridaya.mapping import pages
from tridaya.mapping.forms.surveys import SurveyUploadForm
from tridaya.mapping.importers.forms import FORMS
from tridaya.mapping.importers.xlsform import build_xlsform
from tridaya.mapping.models import SurveyForm
from tridaya.mapping.policy import IMPORT_SURVEYS
from tridaya.mapping.selectors import households as selectors
from tridaya.mapping.services import surveys as services_import
from tridaya.mapping.views.households import section_context
from tridaya.mapping.views.map_common import village_for

ISSUES_PER_PAGE = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def surveys(request, code: str):
    village = village_for(code)
    authorize(request.user, IMPORT_SURVEYS, village)
    available = services_import.importable_forms()
    form = SurveyUploadForm(request.POST or None, request.FILES or None, forms_available=available)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = services_import.survey_import_queue(
                actor=request.user,
                village=village,
                form=form.cleaned_data["form"],
                file=upload.file,
                filename=upload.name,
                mode=form.cleaned_data["mode"],
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(
                request, _("Berkas diterima dan sedang diimpor; kemajuannya tampil di sini.")
            )
            return redirect("job_detail", pk=job.pk)
    batches = Paginator(selectors.import_batches(village), 20).get_page(request.GET.get("page"))
    for listed in batches:  # forms of later apps (works) are named by their own registry label
        listed.form_label = services_import.form_label(listed.form)  # type: ignore[attr-defined]
    return render(
        request,
        "mapping/surveys/surveys.html",
        section_context(
            request,
            village,
            "surveys",
            upload_form=form,
            batches=batches,
            downloads=[(value, label) for value, label in SurveyForm.choices if value in FORMS],
            quarantined=selectors.unresolved_quarantine_count(village),
        ),
    )


@login_required
def xlsform_download(request, code: str, form: str):
    village = village_for(code)
    authorize(request.user, IMPORT_SURVEYS, village)
    spec = FORMS.get(form)
    if spec is None:
        raise Http404
    try:
        built = build_xlsform(spec, village)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("mapping:surveys", code=village.code)
    response = HttpResponse(built.content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{built.filename}"'
    return response


@login_required
def survey_batch(request, code: str, pk: int):
    village = village_for(code)
    authorize(request.user, IMPORT_SURVEYS, village)
    batch = pages.batch_or_404(village, pk)
    batch.form_label = services_import.form_label(batch.form)  # type: ignore[attr-defined]
    issues = Paginator(batch.issues, ISSUES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "mapping/surveys/batch.html",
        section_context(
            request,
            village,
            "surveys",
            batch=batch,
            issues=issues,
            open_quarantine=selectors.quarantined_rows(batch).count(),
        ),
    )


@login_required
def quarantine_download(request, code: str, pk: int):
    """The batch's quarantined rows not yet corrected, in the layout of the uploaded file plus
    a last column with the reasons: correct them and upload the file again."""
    village = village_for(code)
    authorize(request.user, IMPORT_SURVEYS, village)
    batch = pages.batch_or_404(village, pk)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*batch.header, "tridaya_masalah"])
    for row in selectors.quarantined_rows(batch).iterator(chunk_size=500):
        reasons = "; ".join(f"{i['column']}: {i['reason']}" for i in row.issues)
        cells = list(row.cells) + [""] * (len(batch.header) - len(row.cells))
        writer.writerow([*cells[: len(batch.header)], reasons])
    response = HttpResponse(out.getvalue().encode("utf-8-sig"), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="karantina_{batch.pk}.csv"'
    return response
