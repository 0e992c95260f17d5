"""Map layers of a village: the list (public), import from a GIS file, a layer's page with its
map and attributes, its export for QGIS, renaming and removal."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tridaya.core.geo.files import safe_file_name, write
from tridaya.core.pages import apply_service_error
from tridaya.core.policy import authorize
from tridaya.mapping import pages
from tridaya.mapping.forms.layers import LayerForm, LayerImportForm
from tridaya.mapping.policy import MANAGE_LAYERS, VIEW_MAP
from tridaya.mapping.selectors import layers as sel
from tridaya.mapping.selectors.problems import boundaries_of
from tridaya.mapping.services import layers as services
from tridaya.mapping.views.map_common import (
    export_format,
    export_links,
    file_response,
    page_context,
    tiles,
    village_for,
)

ATTRIBUTE_ROWS_SHOWN = 100


def layers(request, code: str):
    village = village_for(code)
    authorize(request.user, VIEW_MAP, village)
    return render(
        request,
        "mapping/layers.html",
        page_context(request, village, "layers", layers=list(sel.layers_of(village))),
    )


@login_required
def layer_import(request, code: str):
    village = village_for(code)
    authorize(request.user, MANAGE_LAYERS, village)
    form = LayerImportForm(
        request.POST or None,
        request.FILES or None,
        initial={"name": request.GET.get("nama", "")[:120]},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        try:
            result = services.layer_import(
                actor=request.user,
                village=village,
                name=data["name"],
                kind=data["kind"],
                data=upload.read(),
                file_name=upload.name,
                crs=data.get("crs"),
                description=data.get("description") or "",
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            params = {
                "name": result.layer.name,
                "n": result.imported,
                "crs": result.layer.source_crs,
            }
            if result.created:
                messages.success(
                    request, _("Lapisan '%(name)s' dibuat: %(n)s fitur (%(crs)s).") % params
                )
            else:
                messages.success(
                    request, _("Lapisan '%(name)s' diganti: %(n)s fitur (%(crs)s).") % params
                )
            return redirect("mapping:layer", code=village.code, pk=result.layer.pk)
    return render(
        request,
        "mapping/gis_import.html",
        page_context(
            request,
            village,
            "layers",
            form=form,
            title=_("Impor lapisan peta"),
            intro=_(
                "Koordinat UTM diubah ke WGS84. Semua fitur diperiksa dahulu: bila satu saja "
                "rusak, tidak ada yang disimpan dan setiap fitur yang rusak disebutkan."
            ),
        ),
    )


def layer_detail(request, code: str, pk: int):
    village = village_for(code)
    layer = pages.layer_or_404(village, pk)
    authorize(request.user, VIEW_MAP, layer)
    features = list(layer.features.all())
    columns = list(dict.fromkeys(k for f in features for k in f.properties))[:12]
    rows = [(f, [f.properties.get(c) for c in columns]) for f in features[:ATTRIBUTE_ROWS_SHOWN]]
    form = LayerForm(
        initial={"name": layer.name, "kind": layer.kind, "description": layer.description}
    )
    map_data = {
        "tiles": tiles(),
        "layers": [
            {
                "id": layer.pk,
                "name": layer.name,
                "kind": layer.kind,
                "features": sel.layer_collection(layer),
            }
        ],
        "boundaries": boundaries_of(village),
        "problems": None,
    }
    return render(
        request,
        "mapping/layer_detail.html",
        page_context(
            request,
            village,
            "layers",
            layer=layer,
            columns=columns,
            rows=rows,
            shown=len(rows),
            form=form,
            map_data=map_data,
            crumb=layer.name,
            exports=export_links("mapping:layer_export", [village.code, layer.pk]),
        ),
    )


@login_required
@require_POST
def layer_action(request, code: str, pk: int):
    village = village_for(code)
    layer = pages.layer_or_404(village, pk)
    action = request.POST.get("action", "")
    try:
        if action == "update":
            form = LayerForm(request.POST)
            if form.is_valid():
                services.layer_update(actor=request.user, layer=layer, **form.cleaned_data)
                messages.success(request, _("Lapisan disimpan."))
            else:
                for errors in form.errors.values():
                    for error in errors:
                        messages.error(request, str(error))
        elif action == "delete":
            services.layer_delete(actor=request.user, layer=layer)
            messages.success(request, _("Lapisan '%(name)s' dihapus.") % {"name": layer.name})
            return redirect("mapping:layers", code=code)
        else:
            messages.error(request, _("Tindakan tidak dikenal."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("mapping:layer", code=code, pk=pk)


def layer_export(request, code: str, pk: int, ext: str):
    fmt = export_format(ext)
    village = village_for(code)
    layer = pages.layer_or_404(village, pk)
    authorize(request.user, VIEW_MAP, layer)
    data = write(fmt, sel.layer_export_features(layer), name=layer.name)
    return file_response(data, fmt, safe_file_name(f"{village.code}-{layer.name}"))
