from enum import StrEnum


class UploadError(StrEnum):
    TOO_LARGE = "upload_too_large"
    WRONG_KIND = "upload_wrong_kind"
    EMPTY = "upload_empty"
    ZIP_BAD = "upload_zip_bad"
    ZIP_TOO_MANY = "upload_zip_too_many_entries"
    ZIP_TOO_BIG = "upload_zip_too_big"
    ZIP_RATIO = "upload_zip_ratio"
    ZIP_UNSAFE = "upload_zip_unsafe_name"
    IMAGE_BAD = "upload_image_unreadable"
