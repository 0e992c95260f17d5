"""The upload fields: one model field, one form field and one API field, all checking the file
with `check_upload` (content, size, ZIP caps). The model field also re-encodes images without
their metadata, gives the stored file its kind's suffix, and links it through the permission-
checked file view (`core.uploads.serving`), never a bare storage URL."""

from __future__ import annotations

import contextlib
from pathlib import PurePath
from typing import Any

from django import forms
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from rest_framework import serializers

from tridaya.core.errors import DomainError
from tridaya.core.uploads.checks import check_upload, file_label
from tridaya.core.uploads.images import reencode
from tridaya.core.uploads.kinds import IMAGES, SUFFIXES, Kind, describe
from tridaya.core.uploads.limits import MB, max_bytes


def _kinds(accept) -> frozenset[Kind]:
    return frozenset(Kind(kind) for kind in accept)


class ServedFieldFile(FieldFile):
    @property
    def url(self) -> str:
        if not self.name:  # as FieldFile.url: no link for an empty field
            raise ValueError(f"The '{self.field.name}' attribute has no file associated with it.")
        return reverse("upload_file", kwargs={"name": self.name})


class UploadFileField(models.FileField):
    """A stored upload. `accept`: the kinds allowed; `group`: the size cap
    (TRIDAYA_UPLOAD_MAX_MB); `keep_time_place`: keep the EXIF time taken and GPS position of an
    image (only where the app reads them)."""

    attr_class = ServedFieldFile

    def __init__(self, *args, accept=IMAGES, group: str = "image", keep_time_place=False, **kw):
        self.accept = _kinds(accept)
        self.group = group
        self.keep_time_place = keep_time_place
        super().__init__(*args, **kw)

    # Migrations see the plain Django field: the checks, the re-encoding and the links are
    # behaviour, not schema, so adopting this field rebuilds no table (on SQLite a rebuild
    # would drop the append-only and frozen-row triggers of vouchers and plan files).
    migrate_as = "django.db.models.FileField"

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, self.migrate_as, args, kwargs

    def validate(self, value, model_instance) -> None:
        super().validate(value, model_instance)
        if value and not value._committed:
            check_upload(value.file, accept=self.accept, group=self.group)

    def stored_bytes(self, source) -> bytes:
        """The bytes this field would store for `source` (images re-encoded the same way every
        time), so a service can tell a file it already holds (an import run again)."""
        kind = check_upload(source, accept=self.accept, group=self.group)
        if kind in IMAGES:
            label = file_label(source)
            return reencode(source, kind, keep_time_place=self.keep_time_place, label=label)
        source.seek(0)
        try:
            return source.read()
        finally:
            source.seek(0)

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            source = file.file
            kind = check_upload(source, accept=self.accept, group=self.group)
            if kind in IMAGES:
                content = reencode(
                    source, kind, keep_time_place=self.keep_time_place, label=file_label(source)
                )
                file.file = ContentFile(content)
            file.name = "upload" + SUFFIXES[kind]
            stored = super().pre_save(model_instance, add)
            # Told back to the file it came from: a caller that cleans up after a refused row
            # (the works field-form import) finds what was written.
            with contextlib.suppress(AttributeError):
                source.name = PurePath(stored.name).name
            return stored
        return super().pre_save(model_instance, add)

    def formfield(self, **kwargs):
        return super().formfield(
            **{"form_class": UploadField, "accept": self.accept, "group": self.group, **kwargs}
        )


def _help_text(accept: frozenset[Kind], group: str) -> str:
    return _("%(kinds)s; paling besar %(mb)s MB.") % {
        "kinds": describe(accept),
        "mb": max_bytes(group) // MB,
    }


_help = lazy(_help_text, str)  # built when shown, in the reader's language


class UploadImageField(UploadFileField):
    """An `UploadFileField` that was an ImageField: migrations keep seeing an ImageField."""

    migrate_as = "django.db.models.ImageField"


class UploadField(forms.FileField):
    """A form's file input checked by content (the message names the file and what to upload)."""

    def __init__(self, *, accept=IMAGES, group: str = "image", **kwargs: Any):
        self.accept = _kinds(accept)
        self.group = group
        kwargs.setdefault("help_text", _help(self.accept, group))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and upload is not initial and hasattr(upload, "size"):
            check_upload(upload, accept=self.accept, group=self.group)
        return upload


class UploadSerializerField(serializers.FileField):
    """The API's file input, with the same check as `UploadField`."""

    def __init__(self, *, accept=IMAGES, group: str = "image", **kwargs: Any):
        self.accept = _kinds(accept)
        self.group = group
        kwargs.setdefault("help_text", _help(self.accept, group))
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        upload = super().to_internal_value(data)
        try:
            check_upload(upload, accept=self.accept, group=self.group)
        except DomainError as exc:
            raise serializers.ValidationError(exc.messages, code=exc.code) from None
        return upload
