"""The codes of every operation mapping refuses (callers branch on these, never on message
text). Values are globally unique strings and never change: the API returns them."""

from tridaya.core.errors import ErrorCode


class MappingError(ErrorCode):
    # Households.
    HOUSEHOLD_NOT_A_VILLAGE = "household_not_a_village"
    HOUSEHOLD_WRONG_RT = "household_wrong_rt"
    HOUSEHOLD_UNKNOWN_CRITERION = "household_unknown_criterion"
    HOUSEHOLD_HEAD_TAKEN = "household_head_taken"
    HOUSEHOLD_SURVEY_IN_FUTURE = "household_survey_in_future"
    # Survey imports: the import, the export file, the ZIP of an export with photos, XLSForms.
    SURVEY_IMPORT_NOT_A_VILLAGE = "survey_import_not_a_village"
    SURVEY_IMPORT_UNKNOWN_FORM = "survey_import_unknown_form"
    SURVEY_IMPORT_UNKNOWN_MODE = "survey_import_unknown_mode"
    IMPORT_UNKNOWN_FORMAT = "import_unknown_format"
    IMPORT_NOT_UTF8 = "import_not_utf8"
    IMPORT_EMPTY = "import_empty"
    IMPORT_BAD_XLSX = "import_bad_xlsx"
    IMPORT_MISSING_COLUMNS = "import_missing_columns"
    IMPORT_NO_INSTANCE_ID = "import_no_instance_id"
    ZIP_BAD = "import_bad_zip"
    ZIP_NO_TABLE = "import_zip_without_table"
    ZIP_UNSAFE_NAME = "import_zip_unsafe_name"
    ZIP_TABLE_TOO_LARGE = "import_zip_table_too_large"
    XLSFORM_NO_UNITS = "xlsform_no_units"
    XLSFORM_INVALID = "xlsform_invalid"
    # Problems, layers and RT slum data.
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
