"""Pages after the works: the handover (BAST) of a completed package to a KPP or the Pemda, the
asset page with the KPP's O&M plans, the yearly functionality checks, the maintenance log and
the users' fees (iuran), and the volumes a completed package handled per RT and slum
criterion. Everyone reads; BKM, UPL and the facilitator hand over and record handled volumes;
they and the korkot keep the O&M records."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tridaya.core.errors import NotFound
from tridaya.core.pages import apply_service_error
from tridaya.core.policy import authorize, can
from tridaya.works import selectors
from tridaya.works.forms import (
    CheckForm,
    HandledForm,
    HandoverForm,
    IuranForm,
    MaintenanceForm,
    OmPlanForm,
)
from tridaya.works.services import assets as services
from tridaya.works.views.packages import _package


def handover(request, code: str, package_id: int):
    """The BAST form of a completed package (its asset enters the register)."""
    village, package = _package(request, code, package_id)
    authorize(request.user, "works.manage", package)
    kpps = selectors.kpps_of(village)
    form = HandoverForm(request.POST or None, kpps=kpps)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        kpp_id = data.pop("kpp")
        try:
            services.handover_record(
                actor=request.user,
                package=package,
                kpp=next((k for k in kpps if k.pk == kpp_id), None),
                **data,
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            return redirect("works:asset", village.code, package.pk)
    context = {"village": village, "package": package, "form": form}
    return render(request, "works/handover.html", context, status=400 if form.errors else 200)


def _asset(request, code: str, package_id: int):
    village, package = _package(request, code, package_id)
    try:
        asset = selectors.asset_of(package)
    except NotFound:
        raise Http404 from None
    return village, package, asset


ASSET_FORMS = {
    "rencana": OmPlanForm,
    "periksa": CheckForm,
    "pemeliharaan": MaintenanceForm,
    "iuran": IuranForm,
}


def _blank_forms() -> dict[str, forms.Form]:
    this_year = timezone.localdate().year
    today = timezone.localdate()
    return {
        "rencana": OmPlanForm(prefix="rencana", initial={"year": this_year}),
        "periksa": CheckForm(prefix="periksa", initial={"year": this_year, "checked_on": today}),
        "pemeliharaan": MaintenanceForm(prefix="pemeliharaan", initial={"date": today}),
        "iuran": IuranForm(prefix="iuran", initial={"date": today}),
    }


def asset_page(request, code: str, package_id: int, bound: dict | None = None):
    """The asset of a handed-over package with its O&M records, and their forms for those
    who keep them."""
    village, package = _package(request, code, package_id)
    authorize(request.user, "works.view", package)
    try:
        asset = selectors.asset_of(package)
    except NotFound:  # not handed over yet: say so, with the BAST button for those who may
        context = {"village": village, "package": package, "asset": None}
        context["may_handover"] = can(request.user, "works.manage", package)
        return render(request, "works/asset.html", context)
    om_forms = _blank_forms()
    om_forms.update(bound or {})
    context = {
        "village": village,
        "package": package,
        "asset": asset,
        "page": selectors.asset_records(asset),
        "may_om": can(request.user, "works.om", asset),
        "forms": om_forms,
    }
    return render(request, "works/asset.html", context, status=400 if bound else 200)


def _record(request, step: str, asset, form) -> None:
    data = form.cleaned_data
    actor = request.user
    if step == "rencana":
        services.om_plan_save(actor=actor, asset=asset, **data)
    elif step == "periksa":
        services.check_record(
            actor=actor,
            asset=asset,
            year=data["year"],
            checked_on=data["checked_on"],
            flags=form.flags(),
            note=data["note"],
        )
    elif step == "pemeliharaan":
        services.maintenance_log(actor=actor, asset=asset, **data)
    else:
        services.iuran_record(actor=actor, asset=asset, **data)


@require_POST
def asset_step(request, code: str, package_id: int, step: str):
    """One O&M record: rencana (plan), periksa (functionality check), pemeliharaan, iuran."""
    if step not in ASSET_FORMS:
        raise Http404
    village, package, asset = _asset(request, code, package_id)
    authorize(request.user, "works.om", asset)
    form = ASSET_FORMS[step](request.POST, prefix=step)
    if form.is_valid():
        try:
            _record(request, step, asset, form)
        except ValidationError as error:
            apply_service_error(form, error)
    if form.errors:
        return asset_page(request, code, package_id, bound={step: form})
    return redirect("works:asset", village.code, package.pk)


def handled(request, code: str, package_id: int):
    """What a completed package handled per RT and slum criterion (mapping re-scores the RT)."""
    village, package = _package(request, code, package_id)
    authorize(request.user, "works.view", package)
    may = can(request.user, "works.manage", package)
    rts, years, criteria = selectors.handled_choices(village)
    form = HandledForm(request.POST or None, rts=rts, years=years, criteria=criteria)
    if request.method == "POST":
        authorize(request.user, "works.manage", package)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.handled_record(
                    actor=request.user,
                    package=package,
                    rt=next(rt for rt in rts if rt.pk == data["rt"]),
                    year=data["year"],
                    code=data["code"],
                    amount=data["amount"],
                )
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                return redirect("works:handled", village.code, package.pk)
    context = {
        "village": village,
        "package": package,
        "rows": selectors.handled_of(package),
        "form": form if may else None,
        "reduction": selectors.slum_reduction(village.code),
    }
    return render(request, "works/handled.html", context, status=400 if form.errors else 200)
