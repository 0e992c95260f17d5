import pytest
from django.core.exceptions import ValidationError

from tridaya.core.geo import AREAL, measure, parse_geometry, utm_epsg, validate_geojson


def square(lon, lat, size):
    return {
        "type": "Polygon",
        "coordinates": [
            [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
        ],
    }


def test_utm_zone_of_lombok_is_50_south():
    assert utm_epsg(116.1, -8.6) == 32750


def test_area_and_perimeter_in_metres_near_the_equator():
    # 0.01 degree is about 1,106 m north-south and 1,101 m east-west at 8.6 S.
    m = measure(square(116.1, -8.64, 0.01))
    assert 1.20e6 < m.area_m2 < 1.23e6
    assert 121 < m.area_ha < 123
    assert 4_380 < m.length_m < 4_440


def test_line_length():
    line = {"type": "LineString", "coordinates": [[116.1, -8.6], [116.1, -8.609]]}
    assert 990 < measure(line).length_m < 1_000


def test_feature_is_accepted_and_geometry_returned():
    feature = {"type": "Feature", "properties": {}, "geometry": square(116.1, -8.6, 0.001)}
    assert validate_geojson(feature, AREAL)["type"] == "Polygon"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{not json", "bukan JSON"),
        ({"coordinates": []}, "'type'"),
        ({"type": "Point", "coordinates": [116.1, -8.6]}, "tidak diterima"),
        (
            {
                "type": "Polygon",
                "coordinates": [
                    [[500000, 9000000], [500100, 9000000], [500100, 9000100], [500000, 9000000]]
                ],
            },
            "WGS84",
        ),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]},
            "tidak sah",
        ),
        ({"type": "Polygon", "coordinates": []}, "kosong"),
    ],
)
def test_bad_geometry_is_refused_with_what_to_fix(data, message):
    with pytest.raises(ValidationError) as exc:
        parse_geometry(data, AREAL)
    assert message in " ".join(exc.value.messages)


ENGLISH = ("Expecting", "Self-intersection", "linearring", "LinearRing", "array", "Input operand")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("{x", "baris 1, kolom 2"),
        (
            {"type": "Polygon", "coordinates": [[[116.1, -8.6], [116.2, -8.6], [116.1, -8.6]]]},
            "terlalu sedikit titik di sekitar bujur 116.1",
        ),
        ({"type": "LineString", "coordinates": [[116.1, -8.6]]}, "paling sedikit 2 titik"),
        (
            {"type": "Polygon", "coordinates": [[[116.1, -8.6], [116.2, -8.6]]]},
            "paling sedikit 4 titik",
        ),
        ({"type": "Point", "coordinates": [116.1]}, "[bujur, lintang]"),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]},
            "garis batas memotong dirinya sendiri di sekitar bujur 0.5, lintang 0.5",
        ),
    ],
)
def test_bad_geojson_is_explained_in_indonesian_only(data, expected):
    """The parser's, shapely's and GEOS's English never reaches the message (issue 11, item 11);
    the English catalogue translates the Indonesian text."""
    with pytest.raises(ValidationError) as exc:
        parse_geometry(data)
    text = " ".join(exc.value.messages)
    assert expected in text
    assert not any(word in text for word in ENGLISH), text


def test_a_geojson_file_with_broken_json_names_the_place_in_indonesian():
    from tridaya.core.geo.files import read_features
    from tridaya.core.geo.formats import GisFileError

    with pytest.raises(GisFileError) as caught:
        read_features(b'{"type": "FeatureCollection", "features": [}', "batas.geojson")
    text = " ".join(str(p) for p in caught.value.problems)
    assert "baris 1, kolom 44" in text and "Expecting" not in text
