"""Stored files are served only through `serve_upload`, after the owning app's rule.

Each app declares, for each of its stored file fields, who may open a file: `public=True` (a
public page shows it), or a policy `action` checked against the object `owner(row)` returns
(404 outside the viewer's scope, 403 in scope without the right). A system check refuses a model
file field nobody declared, so a new field cannot be served by accident. Django serves no
`MEDIA_URL` of its own, in development either; the proxy must not serve the media folder."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.checks import Error
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.http import FileResponse, Http404, HttpRequest

from tridaya.core.policy import authorize


@dataclass(frozen=True)
class FileRule:
    model: type[models.Model]
    field: str
    action: str | None
    owner: Callable[[Any], Any]
    public: bool
    attachment: bool


_rules: dict[tuple[str, str], FileRule] = {}


def declare(
    model: type[models.Model],
    field: str,
    *,
    action: str | None = None,
    owner: Callable[[Any], Any] = lambda row: row,
    public: bool = False,
    attachment: bool = False,
) -> None:
    """Who may open the files of `model.field`. Call in the owning app's `ready()`."""
    if public == (action is not None):
        raise ImproperlyConfigured(f"{model.__name__}.{field}: give either public=True or action")
    key = (model._meta.label, field)
    if key in _rules:
        raise ImproperlyConfigured(f"file field {key} declared twice")
    _rules[key] = FileRule(model, field, action, owner, public, attachment)


def declared() -> dict[tuple[str, str], FileRule]:
    return dict(_rules)


def find(name: str) -> tuple[FileRule, models.Model] | None:
    """The rule and the row a stored file name belongs to (one query per declared field until
    found; the names are random and unique)."""
    for rule in _rules.values():
        row = rule.model._default_manager.filter(**{rule.field: name}).first()
        if row is not None:
            return rule, row
    return None


def serve_upload(request: HttpRequest, name: str) -> FileResponse:
    found = find(name)
    if found is None:
        raise Http404
    rule, row = found
    if not rule.public:
        assert rule.action is not None
        authorize(request.user, rule.action, rule.owner(row))
    stored = getattr(row, rule.field)
    try:
        handle = stored.storage.open(stored.name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    content_type = mimetypes.guess_type(stored.name)[0] or "application/octet-stream"
    download = rule.attachment or not _inline(content_type)
    response = FileResponse(handle, content_type=content_type, as_attachment=download)
    response["Cache-Control"] = "public, max-age=86400" if rule.public else "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _inline(content_type: str) -> bool:
    return content_type.startswith("image/") or content_type == "application/pdf"


def check_declared(app_configs=None, **kwargs) -> list[Error]:
    """Every stored file field of the project's models has a serving rule."""
    errors = []
    for model in apps.get_models():
        if not model.__module__.startswith("tridaya."):
            continue
        for field in model._meta.get_fields():
            if not isinstance(field, models.FileField):
                continue
            if (model._meta.label, field.name) not in _rules:
                errors.append(
                    Error(
                        f"{model._meta.label}.{field.name} has no file serving rule",
                        hint="Call tridaya.core.uploads.serving.declare() in the app's ready().",
                        id="tridaya.E_UPLOAD_RULE",
                    )
                )
    return errors
