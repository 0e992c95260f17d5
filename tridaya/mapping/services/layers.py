"""Every write to a village's map layers: import from a GIS file (creating the layer, or
replacing its features when the layer exists: importing the same file again gives the same
layer), renaming, and removal. Imports are strict: one bad feature and nothing is written, with
every bad feature listed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.accounts.models import User
from tridaya.core.audit import diff, record_event, snapshot
from tridaya.core.errors import DomainError
from tridaya.core.formats import format_number
from tridaya.core.geo import files as gis_formats
from tridaya.core.geo import measure, parse_geometry
from tridaya.core.policy import Actor, authorize
from tridaya.mapping.errors import MappingError
from tridaya.mapping.models import GEOMETRY_KIND_OF, GeometryKind, Layer, LayerFeature
from tridaya.mapping.policy import MANAGE_LAYERS
from tridaya.mapping.spatial import distance_outside_m, max_outside_m, village_extent
from tridaya.regions.models import Region

LAYER_FIELDS = ["name", "kind", "description", "source_name", "source_crs", "feature_count"]


@dataclass
class LayerImportResult:
    layer: Layer
    created: bool
    replaced: int  # features the layer held before
    imported: int


def _features_outside(village: Region, read: gis_formats.ReadResult) -> list:
    """Features far outside the village (a wrong UTM zone or swapped coordinates)."""
    extent = village_extent(village)
    if extent.area is None:
        return []
    problems = []
    limit = max_outside_m()
    for feature in read.features:
        distance = distance_outside_m(extent, parse_geometry(feature.geometry))
        if distance is not None and distance > limit:
            problems.append(
                gis_formats.FeatureProblem(
                    feature.where,
                    _("geometri"),
                    _(
                        "sekitar %(km)s km di luar batas %(village)s; periksa sistem "
                        "koordinat berkas."
                    )
                    % {"km": format_number(distance / 1000, 1), "village": village.name},
                )
            )
    return problems


@transaction.atomic(durable=True)
def layer_import(
    *,
    actor: Actor,
    village: Region,
    name: str,
    kind: str,
    data: bytes,
    file_name: str,
    crs: int | None = None,
    description: str = "",
) -> LayerImportResult:
    """Read the file (reprojecting to WGS84), check every feature, and store them as the layer
    `name` of the village: a new layer, or the existing one's features replaced."""
    if not village.is_village:
        raise DomainError(
            _("%(region)s bukan kelurahan/desa.") % {"region": village},
            code=MappingError.WRONG_VILLAGE,
        )
    authorize(actor, MANAGE_LAYERS, village)
    read = gis_formats.read_features(data, file_name, crs=crs)
    outside = _features_outside(village, read)
    if outside:
        raise gis_formats.GisFileError(outside)
    layer = Layer.objects.select_for_update().filter(village=village, name=name.strip()).first()
    created = layer is None
    if layer is None:
        layer = Layer(village=village, name=name.strip(), created_by=_user(actor))
        before: dict = {}
    else:
        before = snapshot(layer, LAYER_FIELDS)
    layer.kind = kind
    layer.description = description.strip() or layer.description
    layer.source_name = file_name[:200]
    layer.source_crs = read.source_crs
    layer.feature_count = len(read.features)
    layer.full_clean()
    layer.save()
    replaced = layer.features.count() if not created else 0
    if replaced:
        layer.features.all().delete()
    rows = []
    for position, feature in enumerate(read.features, start=1):
        geom = parse_geometry(feature.geometry)
        kind_of = GEOMETRY_KIND_OF[geom.geom_type]
        measures = measure(geom)
        rows.append(
            LayerFeature(
                layer=layer,
                position=position,
                geometry=feature.geometry,
                geometry_kind=kind_of,
                properties=feature.properties,
                length_m=round(measures.length_m, 1) if kind_of == GeometryKind.LINE else None,
                area_m2=round(measures.area_m2, 1) if kind_of == GeometryKind.POLYGON else None,
            )
        )
    LayerFeature.objects.bulk_create(rows, batch_size=500)
    changes = diff(before, snapshot(layer, LAYER_FIELDS))
    record_event(
        actor=actor,
        action="mapping.layer_imported" if created else "mapping.layer_replaced",
        obj=layer,
        changes=changes,
    )
    return LayerImportResult(layer, created, replaced, len(rows))


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


@transaction.atomic(durable=True)
def layer_update(
    *, actor: Actor, layer: Layer, name: str, kind: str, description: str = ""
) -> Layer:
    authorize(actor, MANAGE_LAYERS, layer)
    layer = Layer.objects.select_for_update().get(pk=layer.pk)
    before = snapshot(layer, LAYER_FIELDS)
    name = name.strip()
    if Layer.objects.filter(village_id=layer.village_id, name=name).exclude(pk=layer.pk).exists():
        raise DomainError(
            {
                "name": DomainError(
                    _("Sudah ada lapisan bernama '%(name)s'.") % {"name": name},
                    code=MappingError.LAYER_EXISTS,
                )
            },
            code=MappingError.LAYER_EXISTS,
        )
    layer.name, layer.kind, layer.description = name, kind, description.strip()
    layer.full_clean()
    layer.save()
    changes = diff(before, snapshot(layer, LAYER_FIELDS))
    if changes:
        record_event(actor=actor, action="mapping.layer_updated", obj=layer, changes=changes)
    return layer


def _layer_delete(*, actor: Actor, layer: Layer) -> None:
    authorize(actor, MANAGE_LAYERS, layer)
    record_event(
        actor=actor,
        action="mapping.layer_deleted",
        obj=layer,
        changes=diff(snapshot(layer, LAYER_FIELDS), {}),
    )
    layer.delete()


layer_delete = transaction.atomic(durable=True)(_layer_delete)


@transaction.atomic(durable=True)
def layers_delete(*, actor: Actor, layers: Iterable[Layer]) -> None:
    """Remove several layers at once (the admin's bulk delete): all of them, or none."""
    for layer in layers:
        _layer_delete(actor=actor, layer=layer)
