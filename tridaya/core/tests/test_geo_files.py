"""GIS files in and out: GeoJSON, KML, CSV (lat/lon or WKT), GeoPackage and zipped Shapefile keep
geometry and attributes through a round trip; UTM coordinates are reprojected to WGS84 (from the
file's own CRS or the zone the user picks); a bad file is refused listing every bad feature with
where it is and why, and nothing is written; importing the same file again gives the same
layer."""

import io
import json
import zipfile

import pytest
from pyproj import Transformer
from shapely.geometry import shape

from tridaya.core.geo.files import Format, GisFileError, OutFeature, read_features, write
from tridaya.core.geo.ogr import dbf_names
from tridaya.mapping.tests.factories import geojson_bytes

FEATURES = [
    OutFeature(
        {"type": "Point", "coordinates": [116.1055, -8.6312]},
        {"nama": "Sumur umum", "kk": 14, "debit_l_detik": 0.75, "catatan": None},
        "Sumur umum",
    ),
    OutFeature(
        {"type": "LineString", "coordinates": [[116.104, -8.632], [116.1051, -8.6325]]},
        {"nama": 'Saluran "A" & <B>', "kk": 3, "debit_l_detik": None, "catatan": "rusak"},
        "Saluran",
    ),
    OutFeature(
        {
            "type": "Polygon",
            "coordinates": [
                [[116.106, -8.634], [116.107, -8.634], [116.107, -8.635], [116.106, -8.634]]
            ],
        },
        {"nama": "Genangan", "kk": 0, "debit_l_detik": 2.5, "catatan": "musim hujan"},
        "Genangan",
    ),
]


def _by_name(result) -> dict:
    return {f.properties["nama"]: f for f in result.features}


@pytest.mark.parametrize("fmt", Format.ALL)
def test_round_trip_keeps_geometry_and_attributes(fmt):
    data = write(fmt, FEATURES, name="Uji Bajur")
    result = read_features(data, f"uji.{Format.EXTENSIONS[fmt]}")
    assert result.source_crs == "EPSG:4326"
    found = _by_name(result)
    assert set(found) == {f.properties["nama"] for f in FEATURES}
    # A Shapefile column name has at most 10 letters: debit_l_detik comes back as debit_l_de.
    columns = dbf_names(list(FEATURES[0].properties))
    for original in FEATURES:
        back = found[original.properties["nama"]]
        assert back.geometry["type"] == original.geometry["type"]
        assert shape(back.geometry).equals_exact(shape(original.geometry), 1e-9)
        for key, value in original.properties.items():
            name = columns[key] if fmt == Format.SHAPEFILE else key
            assert back.properties[name] == value, (fmt, key)


def test_kml_is_typed_so_numbers_come_back_as_numbers():
    kml = write(Format.KML, FEATURES, name="Uji").decode()
    assert '<SimpleField name="kk" type="int"/>' in kml
    assert '<SimpleField name="debit_l_detik" type="double"/>' in kml
    assert "<name>Saluran</name>" in kml
    assert "&lt;B&gt;" in kml  # attribute text is escaped


def test_a_google_earth_kml_without_attributes_gives_its_name_and_description():
    kml = b"""<?xml version="1.0"?><kml xmlns="http://earth.google.com/kml/2.1"><Document>
    <Placemark><name>Masjid</name><description>Titik kumpul</description>
    <Point><coordinates>116.1,-8.63,0</coordinates></Point></Placemark></Document></kml>"""
    result = read_features(kml, "earth.kml")
    assert result.features[0].properties == {"name": "Masjid", "description": "Titik kumpul"}
    assert result.features[0].geometry == {"type": "Point", "coordinates": [116.1, -8.63]}


def test_kml_external_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "rahasia.txt"
    secret.write_text("RAHASIA")
    kml = f"""<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY x SYSTEM "file://{secret}">]>
    <kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>&x;</name>
    <Point><coordinates>116.1,-8.63</coordinates></Point></Placemark></kml>""".encode()
    result = read_features(kml, "x.kml")
    assert "RAHASIA" not in json.dumps(result.features[0].properties)


def test_csv_with_lat_lon_columns_semicolons_and_decimal_commas():
    data = b"nama;lintang;bujur;kk\nSumur;-8,6312;116,1055;14\nPos;-8,6320;116,1040;3\n"
    result = read_features(data, "titik.csv")
    assert [f.geometry["coordinates"] for f in result.features] == [
        [116.1055, -8.6312],
        [116.104, -8.632],
    ]
    assert result.features[0].properties == {"nama": "Sumur", "kk": 14}


def test_csv_with_a_wkt_column_and_every_bad_row_listed():
    data = (
        b"nama,wkt\n"
        b"ok,POINT (116.1 -8.63)\n"
        b"rusak,POINT (116.1\n"
        b'ok2,"LINESTRING (116.1 -8.63, 116.101 -8.631)"\n'
        b"utm,POINT (400000 9045000)\n"
    )
    with pytest.raises(GisFileError) as caught:
        read_features(data, "garis.csv")
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) == 2
    assert problems[0].startswith("baris 3, wkt: tidak terbaca")
    assert problems[1].startswith("baris 5, geometri: Koordinat di luar WGS84")
    assert "zona UTM" in problems[1]


def test_utm_coordinates_are_reprojected_from_the_crs_the_user_picks():
    to_utm = Transformer.from_crs(4326, 32750, always_xy=True)
    x, y = to_utm.transform(116.108, -8.633)
    data = f"nama,x,y\nBalai desa,{x:.2f},{y:.2f}\n".encode()
    with pytest.raises(GisFileError):
        read_features(data, "utm.csv")  # metres taken as degrees
    result = read_features(data, "utm.csv", crs=32750)
    lon, lat = result.features[0].geometry["coordinates"]
    assert lon == pytest.approx(116.108, abs=1e-6) and lat == pytest.approx(-8.633, abs=1e-6)
    assert result.source_crs == "EPSG:32750"


def test_a_geojson_naming_its_utm_crs_is_reprojected():
    to_utm = Transformer.from_crs(4326, 32750, always_xy=True)
    coords = [list(to_utm.transform(116.104, -8.632)), list(to_utm.transform(116.106, -8.632))]
    data = geojson_bytes(
        [{"type": "Feature", "geometry": {"type": "LineString", "coordinates": coords}}],
        crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32750"}},
    )
    result = read_features(data, "jalan.geojson")
    assert result.source_crs == "EPSG:32750"
    start = result.features[0].geometry["coordinates"][0]
    assert start == pytest.approx([116.104, -8.632], abs=1e-6)


def test_a_shapefile_in_utm_keeps_its_prj_and_is_reprojected(tmp_path):
    import numpy as np
    import pyogrio.raw
    import shapely

    to_utm = Transformer.from_crs(4326, 32750, always_xy=True)
    point = shapely.Point(*to_utm.transform(116.108, -8.633))
    path = tmp_path / "bangunan.shp"
    pyogrio.raw.write(
        path,
        geometry=np.array([point.wkb], dtype=object),
        field_data=[np.array(["Kantor desa"], dtype=object)],
        fields=["nama"],
        crs="EPSG:32750",
        driver="ESRI Shapefile",
        geometry_type="Point",
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part in tmp_path.iterdir():
            archive.write(part, arcname=part.name)
    result = read_features(buffer.getvalue(), "bangunan.zip")
    assert result.source_crs == "EPSG:32750"
    assert result.features[0].geometry["coordinates"] == pytest.approx([116.108, -8.633])
    assert result.features[0].properties == {"nama": "Kantor desa"}


def test_files_that_cannot_be_used_say_why():
    with pytest.raises(GisFileError, match="jenis berkas tidak dikenal"):
        read_features(b"x", "peta.dwg")
    with pytest.raises(GisFileError, match="tidak berisi Shapefile"):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("catatan.txt", "bukan peta")
        read_features(buffer.getvalue(), "peta.zip")
    with pytest.raises(GisFileError, match="bukan GeoJSON"):
        read_features(b"{rusak", "peta.geojson")


# --- Layers in the database ---------------------------------------------------------------------
