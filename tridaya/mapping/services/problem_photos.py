"""Photos of a village's problems and potentials: adding one (its time and place read from EXIF),
adding one only once (a survey submission imported again), discarding files a rolled-back import
left behind, and deleting one. Each checks the policy and audits in the same transaction."""

from __future__ import annotations

import hashlib
from typing import cast

from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.accounts.models import User
from tridaya.core.audit import record_event
from tridaya.core.errors import DomainError
from tridaya.core.policy import Actor, authorize
from tridaya.core.uploads.fields import UploadFileField
from tridaya.mapping.errors import MappingError
from tridaya.mapping.exif import NotAnImage, read_photo
from tridaya.mapping.models import Problem, ProblemPhoto
from tridaya.mapping.policy import MAP_PROBLEMS

MAX_PHOTO_BYTES = 10 * 1024 * 1024


def _photo_add(*, actor: Actor, problem: Problem, image: File, caption: str = "") -> ProblemPhoto:
    """Attach a photo (JPEG or PNG, at most 10 MB). Its time and place are read from EXIF."""
    authorize(actor, MAP_PROBLEMS, problem)
    if image.size > MAX_PHOTO_BYTES:
        raise DomainError(
            _("Foto %(name)s terlalu besar (%(mb)s MB); paling besar 10 MB.")
            % {"name": image.name, "mb": round(image.size / 1024 / 1024, 1)},
            code=MappingError.PHOTO_TOO_LARGE,
        )
    try:
        meta = read_photo(image, zone=problem.village.timezone)
    except NotAnImage as exc:
        raise DomainError(
            _("Berkas %(name)s bukan foto yang terbaca; unggah JPEG atau PNG.")
            % {"name": image.name},
            code=MappingError.PHOTO_UNREADABLE,
        ) from exc
    photo = ProblemPhoto(
        problem=problem,
        image=image,
        caption=caption.strip(),
        taken_at=meta.taken_at,
        latitude=meta.latitude,
        longitude=meta.longitude,
        uploaded_by=actor if isinstance(actor, User) else None,
    )
    photo.full_clean()
    photo.save()
    record_event(
        actor=actor,
        action="mapping.problem_photo_added",
        obj=problem,
        changes={"photo": [None, photo.image.name]},
    )
    return photo


photo_add = transaction.atomic(durable=True)(_photo_add)


def photo_add_once(
    *, actor: Actor, problem: Problem, image: File, caption: str = ""
) -> ProblemPhoto | None:
    """`photo_add`, unless the problem already has this very photo (a survey submission
    imported again): returns the new photo, or None when it was there already."""
    authorize(actor, MAP_PROBLEMS, problem)
    if _has_photo(problem, image):
        return None
    return _photo_add(actor=actor, problem=problem, image=image, caption=caption)


def _has_photo(problem: Problem, image: File) -> bool:
    """Photos are stored re-encoded (core.uploads), the same way every time, so a copy has the
    same stored size and bytes. Only photos of that size are read, and an image above the size
    limit is never read here (`photo_add` refuses it without reading it)."""
    if image.size > MAX_PHOTO_BYTES:
        return False
    try:
        stored = cast(UploadFileField, ProblemPhoto._meta.get_field("image")).stored_bytes(image)
    except (DomainError, OSError):  # not an image, or an archive member that will not inflate
        return False  # `photo_add` refuses it with its own message
    same_size = [photo for photo in problem.photos.all() if _stored_size(photo) == len(stored)]
    if not same_size:
        return False
    digest = hashlib.sha256(stored).hexdigest()
    return any(_stored_digest(photo) == digest for photo in same_size)


def _stored_size(photo: ProblemPhoto) -> int | None:
    try:
        return photo.image.size
    except OSError:  # its file is gone from the storage
        return None


def _digest(file: File) -> str:
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    return digest.hexdigest()


def _stored_digest(photo: ProblemPhoto) -> str:
    with photo.image.open("rb") as stored:
        return _digest(stored)


def photo_files_discard(*, names: list[str]) -> None:
    """Remove photo files whose rows a rolled-back transaction took back out (an import that
    was rejected after it stored some photos)."""
    storage = ProblemPhoto._meta.get_field("image").storage
    for name in names:
        storage.delete(name)


@transaction.atomic(durable=True)
def photo_delete(*, actor: Actor, photo: ProblemPhoto) -> None:
    authorize(actor, MAP_PROBLEMS, photo.problem)
    record_event(
        actor=actor,
        action="mapping.problem_photo_deleted",
        obj=photo.problem,
        changes={"photo": [photo.image.name, None]},
    )
    photo.image.delete(save=False)
    photo.delete()
