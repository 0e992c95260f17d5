from enum import StrEnum


class MapError(StrEnum):
    """Codes of refused operations on problems, layers and RT slum data (callers branch on
    these, never on message text)."""

    FAR_OUTSIDE = "mapping_far_outside_village"
    BAD_GEOMETRY = "mapping_bad_geometry"
    BAD_GIS_FILE = "mapping_bad_gis_file"
    WRONG_VILLAGE = "mapping_wrong_village"
    BAD_STATUS = "mapping_bad_status_change"
    PHOTO_TOO_LARGE = "mapping_photo_too_large"
    PHOTO_UNREADABLE = "mapping_photo_unreadable"
    BAD_VOLUMES = "mapping_bad_slum_volumes"
    BAD_PROFILE = "mapping_bad_rt_profile"
    BAD_TEMPLATE = "mapping_bad_slum_template"
    LAYER_EXISTS = "mapping_layer_exists"
