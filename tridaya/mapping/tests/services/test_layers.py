"""Layers: importing the same file again gives the same layer; a bad file writes nothing and
lists every bad feature; an exported layer opens with its attributes."""

import json

import pytest
from django.core.exceptions import ValidationError

from tridaya.core.geo import files as gis_formats
from tridaya.core.geo.files import Format, read_features
from tridaya.core.models import AuditEvent
from tridaya.mapping.models import Layer, LayerFeature, LayerKind
from tridaya.mapping.services import layers as services_layers
from tridaya.mapping.tests.factories import geojson_bytes, rt_of, with_units


@pytest.fixture
def village(bajur):
    return with_units(bajur)


def _drains(village, count: int = 3) -> bytes:
    rt = rt_of(village)
    x0, y0 = json.loads(json.dumps(rt.boundary))["coordinates"][0][0]
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "LineString",
                "coordinates": [[x0 + 0.0002 * i, y0 + 0.0005], [x0 + 0.0002 * i, y0 + 0.002]],
            },
            "properties": {"nama": f"Saluran {i}", "kondisi": "baik"},
        }
        for i in range(count)
    ]
    return geojson_bytes(features)


@pytest.mark.django_db
def test_importing_a_layer_stores_measured_features_and_again_replaces_them(village):
    first = services_layers.layer_import(
        actor=None,
        village=village,
        name="Saluran drainase",
        kind=LayerKind.DRAINAGE,
        data=_drains(village, 3),
        file_name="saluran.geojson",
    )
    assert first.created and first.imported == 3
    feature = LayerFeature.objects.filter(layer=first.layer).first()
    assert 160 < feature.length_m < 175  # 0.0015 degree of latitude
    assert feature.properties == {"nama": "Saluran 0", "kondisi": "baik"}
    again = services_layers.layer_import(
        actor=None,
        village=village,
        name="Saluran drainase",
        kind=LayerKind.DRAINAGE,
        data=_drains(village, 3),
        file_name="saluran.geojson",
    )
    assert not again.created and again.replaced == 3
    assert Layer.objects.count() == 1 and LayerFeature.objects.count() == 3
    assert AuditEvent.objects.filter(action="mapping.layer_replaced").exists()


@pytest.mark.django_db
def test_a_layer_file_with_bad_features_writes_nothing_and_lists_each(village):
    good = json.loads(_drains(village, 1))["features"][0]
    data = geojson_bytes(
        [
            good,
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [500000, 9000000]}},
            {"type": "Feature", "geometry": None},
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [116.108, 8.633]}},
        ]
    )
    with pytest.raises(ValidationError) as caught:
        services_layers.layer_import(
            actor=None,
            village=village,
            name="Campur",
            kind=LayerKind.OTHER,
            data=data,
            file_name="campur.geojson",
        )
    assert [p.where for p in caught.value.problems] == ["fitur 2", "fitur 3"]
    assert not Layer.objects.exists()
    with pytest.raises(ValidationError) as caught:
        services_layers.layer_import(
            actor=None,
            village=village,
            name="Jauh",
            kind=LayerKind.OTHER,
            data=geojson_bytes([json.loads(data)["features"][3]]),
            file_name="jauh.geojson",
        )
    assert "di luar batas Bajur" in str(caught.value.problems[0])
    assert not Layer.objects.exists()


@pytest.mark.django_db
def test_layer_export_opens_with_its_attributes(village):
    from tridaya.mapping.selectors.layers import layer_export_features, layer_for_village

    result = services_layers.layer_import(
        actor=None,
        village=village,
        name="Saluran",
        kind=LayerKind.DRAINAGE,
        data=_drains(village, 2),
        file_name="saluran.geojson",
    )
    layer = layer_for_village(village, result.layer.pk)
    gpkg = gis_formats.write(Format.GPKG, layer_export_features(layer), name=layer.name)
    back = read_features(gpkg, "saluran.gpkg")
    assert sorted(f.properties["nama"] for f in back.features) == ["Saluran 0", "Saluran 1"]
