"""RT profiles and slum scores: the village's table for a year with the aggregate, the
100-0-100 indicators and the thematic map (public); an RT's score in detail with its re-score
after handled volumes; the profile form; the XLSX/CSV template and its import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.core.pages import apply_service_error
from tridaya.core.policy import authorize
from tridaya.mapping import pages, scoring, slum_template
from tridaya.mapping.criteria import criteria_of, current_criteria_set
from tridaya.mapping.forms.slum import RTProfileForm, SlumImportForm
from tridaya.mapping.policy import EDIT_SLUM_DATA, VIEW_MAP
from tridaya.mapping.selectors import slum as sel
from tridaya.mapping.services import slum as services
from tridaya.mapping.services import slum_import as template_import
from tridaya.mapping.views.map_common import page_context, tiles, village_for

MIN_YEAR, MAX_YEAR = 2000, 2100


def _year(request) -> int | None:
    raw = request.GET.get("tahun", "")
    if not raw:
        return None
    try:
        year = int(raw)
    except ValueError:
        raise Http404 from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    return year


def slum(request, code: str):
    village = village_for(code)
    authorize(request.user, VIEW_MAP, village)
    page = sel.slum_page(village, _year(request))
    years = sorted({*page.years, page.year, timezone.localdate().year}, reverse=True)
    map_data = {
        "tiles": tiles(),
        "rts": sel.choropleth(page),
        "criteria": [{"code": c.code, "title": f"{c.code}. {c.title}"} for c in page.cset.criteria],
        "none_label": _("Belum dinilai"),
        "classes": [{"value": value, "label": label} for value, label, _n in page.class_counts],
    }
    return render(
        request,
        "mapping/slum.html",
        page_context(request, village, "slum", page=page, years=years, map_data=map_data),
    )


def rt_slum(request, code: str, rt_pk: int):
    """One RT's score: per aspect and criterion, before and after handled volumes."""
    village = village_for(code)
    rt = pages.slum_rt_or_404(village, rt_pk)
    authorize(request.user, VIEW_MAP, rt)
    year = _year(request) or sel.default_year(sel.profile_years(village))
    profile = sel.rt_profile(rt, year)
    cset = criteria_of(profile.criteria_set if profile else current_criteria_set())
    row = sel.score_row(rt, profile, cset)
    return render(
        request,
        "mapping/rt_slum.html",
        page_context(request, village, "slum", rt=rt, row=row, year=year, cset=cset),
    )


@login_required
def rt_profile_edit(request, code: str, rt_pk: int):
    village = village_for(code)
    rt = pages.slum_rt_or_404(village, rt_pk)
    authorize(request.user, EDIT_SLUM_DATA, rt)
    year = _year(request) or timezone.localdate().year
    profile = sel.rt_profile(rt, year)
    cset = criteria_of(profile.criteria_set if profile else current_criteria_set())
    initial: dict = {}
    if profile is not None:
        initial = {name: getattr(profile, name) for name in RTProfileForm.PROFILE_FIELDS}
        for volume in profile.volumes.all():
            initial[f"volume_{volume.code}"] = volume.volume
            initial[f"handled_{volume.code}"] = volume.handled or None
    form = RTProfileForm(request.POST or None, initial=initial, cset=cset)
    if request.method == "POST" and form.is_valid():
        try:
            services.rt_profile_save(
                actor=request.user,
                rt=rt,
                year=year,
                volumes=form.volumes(),
                handled=form.handled(),
                **form.profile_values(),
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(
                request,
                _("Profil %(rt)s tahun %(year)s disimpan.")
                % {"rt": sel.rt_label(rt), "year": year},
            )
            return redirect(reverse("mapping:rt_slum", args=[code, rt.pk]) + f"?tahun={year}")
    return render(
        request,
        "mapping/rt_profile_form.html",
        page_context(request, village, "slum", rt=rt, year=year, form=form, cset=cset),
    )


def slum_template_file(request, code: str, ext: str):
    village = village_for(code)
    authorize(request.user, VIEW_MAP, village)
    page = sel.slum_page(village, _year(request))
    base = f"templat-kekumuhan-{village.code}-{page.year}"
    if ext == "xlsx":
        data = slum_template.as_xlsx(page)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif ext == "csv":
        data, content_type = slum_template.as_csv(page), "text/csv; charset=utf-8"
    else:
        raise Http404
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{base}.{ext}"'
    return response


@login_required
def slum_import(request, code: str):
    village = village_for(code)
    authorize(request.user, EDIT_SLUM_DATA, village)
    form = SlumImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = template_import.slum_import(
                actor=request.user,
                village=village,
                data=upload.read(),
                file_name=upload.name,
                year=form.cleaned_data.get("year"),
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Impor selesai: %(created)s profil baru, %(updated)s diperbarui, "
                    "%(unchanged)s tidak berubah."
                )
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
            year = result.profiles[0].year if result.profiles else ""
            return redirect(reverse("mapping:slum", args=[code]) + f"?tahun={year}")
    return render(
        request,
        "mapping/slum_import.html",
        page_context(
            request,
            village,
            "slum",
            form=form,
            criteria=criteria_of(current_criteria_set()).criteria,
            class_labels=scoring.CLASS_LABELS,
        ),
    )
