"""Reads of a village's map layers, each with a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from tridaya.core.geo.files import OutFeature
from tridaya.core.selectors import one_of
from tridaya.mapping.models import Layer, LayerFeature
from tridaya.regions.models import Region


def layers_of(village: Region) -> QuerySet[Layer]:
    return Layer.objects.filter(village=village).order_by("kind", "name")


def layer_for_village(village: Region, pk: int) -> Layer:
    """One layer with its features in order (2 queries); NotFound for one elsewhere."""
    layers = Layer.objects.prefetch_related(
        Prefetch("features", queryset=LayerFeature.objects.order_by("position"))
    )
    return one_of(layers, village=village, pk=pk)


def layer_collection(layer: Layer) -> dict:
    return {
        "type": "FeatureCollection",
        "name": layer.name,
        "features": [
            {"type": "Feature", "geometry": f.geometry, "properties": f.properties}
            for f in layer.features.all()
        ],
    }


def layer_export_features(layer: Layer) -> list[OutFeature]:
    """The layer's features with their own attributes (as imported)."""
    out = []
    for feature in layer.features.all():
        props = dict(feature.properties)
        label = next((str(props[k]) for k in ("name", "nama", "NAMA", "Name") if props.get(k)), "")
        out.append(OutFeature(geometry=feature.geometry, properties=props, label=label))
    return out
