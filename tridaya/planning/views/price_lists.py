"""Pages of regional unit price lists (HSPK), under a regency's or province's code."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tridaya.core.pages import apply_service_error
from tridaya.core.policy import authorize, can
from tridaya.planning import policy
from tridaya.planning.forms.price_lists import PriceChangeForm, PriceImportForm, PriceListForm
from tridaya.planning.models import (
    PriceItem,
)
from tridaya.planning.selectors import price_lists as price_selectors
from tridaya.planning.services import price_lists as price_services
from tridaya.planning.views import not_found_as_404
from tridaya.planning.views.plans import _errors
from tridaya.regions.models import Level, Region
from tridaya.regions.selectors import attach_ancestors

# --- Price lists (HSPK) ----------------------------------------------------------------------


def _region(code: str) -> Region:
    region = get_object_or_404(Region, code=code)
    attach_ancestors([region])
    return region


@not_found_as_404
def price_lists(request, code: str):
    region = _region(code)
    may_manage = can(request.user, policy.MANAGE_PRICE_LISTS, region) and region.level in (
        Level.PROVINCE,
        Level.REGENCY,
    )
    form = PriceListForm(request.POST or None) if may_manage else None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/akun/masuk/?next={request.path}")
        authorize(request.user, policy.MANAGE_PRICE_LISTS, region, visible=True)
        if form is not None and form.is_valid():
            try:
                created = price_services.price_list_create(
                    actor=request.user, region=region, **form.cleaned_data
                )
            except ValidationError as exc:
                apply_service_error(form, exc)
            else:
                messages.success(request, _("Daftar HSPK dibuat; impor harganya."))
                return redirect("planning:price_list", code=code, list_id=created.pk)
    return render(
        request,
        "planning/price_lists.html",
        {"region": region, "lists": price_selectors.price_lists_for(code), "form": form},
    )


@not_found_as_404
def price_list_detail(request, code: str, list_id: int):
    region = _region(code)
    price_list = price_selectors.price_list_in(code, list_id)
    may_manage = can(request.user, policy.MANAGE_PRICE_LISTS, price_list)
    form = PriceImportForm() if may_manage else None
    report = None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/akun/masuk/?next={request.path}")
        authorize(request.user, policy.MANAGE_PRICE_LISTS, price_list, visible=True)
        form = PriceImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            report = price_services.price_list_import(
                actor=request.user,
                price_list=price_list,
                content=upload.read(),
                filename=upload.name,
            )
            if report.ok:
                messages.success(
                    request,
                    _("Impor selesai: %(created)s baru, %(updated)s diubah, %(same)s tetap.")
                    % {
                        "created": report.created,
                        "updated": report.updated,
                        "same": report.unchanged,
                    },
                )
            else:
                messages.error(request, _("Berkas ditolak; tidak ada yang disimpan."))
    items = list(price_list.items.all())
    impacts = {}
    if report is not None and report.changed_items:
        for item in (i for i in items if i.pk in report.changed_items):
            impacts[item] = price_selectors.price_change_impact(item)
    return render(
        request,
        "planning/price_list.html",
        {
            "region": region,
            "price_list": price_list,
            "items": items,
            "form": form,
            "report": report,
            "impacts": impacts,
            "may_manage": may_manage,
        },
    )


@not_found_as_404
def price_item_detail(request, code: str, list_id: int, item_id: int):
    """One unit price: the activities using it, what a new price would move (preview), and
    saving it; then apply it to each open RTPLP."""
    region = _region(code)
    price_list = price_selectors.price_list_in(code, list_id)
    item = get_object_or_404(PriceItem, pk=item_id, price_list=price_list)
    may_manage = can(request.user, policy.MANAGE_PRICE_LISTS, price_list)
    form = PriceChangeForm(request.POST or None, initial={"price": item.price})
    preview = None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/akun/masuk/?next={request.path}")
        action = request.POST.get("action", "preview")
        if action == "apply":
            version = _open_version(item, request.POST.get("version"))
            try:
                moved = price_services.price_apply(actor=request.user, item=item, version=version)
            except ValidationError as exc:
                _errors(request, exc)
            else:
                messages.success(
                    request,
                    _("Harga baru dipakai di %(n)s kegiatan %(plan)s.")
                    % {"n": len(moved), "plan": version.plan.title},
                )
            return redirect(request.path)
        authorize(request.user, policy.MANAGE_PRICE_LISTS, price_list, visible=True)
        if form.is_valid():
            new_price = form.cleaned_data["price"]
            if action == "save":
                price_services.price_item_set_price(actor=request.user, item=item, price=new_price)
                messages.success(request, _("Harga satuan disimpan."))
                return redirect(request.path)
            preview = (new_price, price_selectors.price_change_impact(item, new_price))
    return render(
        request,
        "planning/price_item.html",
        {
            "region": region,
            "price_list": price_list,
            "item": item,
            "form": form,
            "may_manage": may_manage,
            "preview": preview,
            "impacts": price_selectors.price_change_impact(item),
            "open_versions": [
                v
                for v in price_selectors.open_versions_using(item)
                if can(request.user, policy.EDIT_PLAN, v)
            ],
        },
    )


def _open_version(item: PriceItem, version_id):
    for version in price_selectors.open_versions_using(item):
        if str(version.pk) == str(version_id):
            return version
    raise Http404
