"""The audit service: every service that changes something that matters calls `record_event`
inside its own transaction, so the change and its trace commit or roll back together.

Every action code is registered with a translatable label (`register_actions`, called from the
owning app's `AppConfig.ready()` or `policy.py`); `record_event` refuses a code nobody registered,
and the `core` system checks verify that every label is translatable and that every action
literal handed to `record_event` in the code is registered. History pages show `action_label`."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.functional import Promise

from tridaya.core.models import AuditEvent
from tridaya.core.request_context import current_request_info

_labels: dict[str, str | Promise] = {}


def register_actions(labels: dict[str, str | Promise]) -> None:
    """Register audit action codes (`"app.thing_done"`) with their labels (`gettext_lazy`).
    Registering a code twice with another label is a programming error."""
    for code, label in labels.items():
        if "." not in code:
            raise ImproperlyConfigured(f"audit action {code!r} must look like 'app.thing_done'")
        if code in _labels and str(_labels[code]) != str(label):
            raise ImproperlyConfigured(f"audit action {code!r} registered twice")
        _labels[code] = label


def registered_actions() -> dict[str, str | Promise]:
    return dict(_labels)


def action_label(code: str) -> str:
    """The label people read for an action code; an unknown (historic) code is shown as is."""
    label = _labels.get(code)
    return str(label) if label is not None else code


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        # 268.40 from the database and 268.4 typed in are the same amount: no change to record.
        return format(value.normalize(), "f")
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dict | list | str | int | float | bool) or value is None:
        return value
    return str(value)


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The audited fields of `obj` as JSON-ready values (foreign keys as their ids)."""
    values = {}
    for name in fields:
        field = obj._meta.get_field(name)
        attname = getattr(field, "attname", name)
        values[name] = _jsonable(getattr(obj, attname))
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [before, after]} for each field whose value changed."""
    keys = list(dict.fromkeys([*before, *after]))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def record_event(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    changes: dict[str, list[Any]] | None = None,
    region_code: str | None = None,
) -> AuditEvent:
    """Write one audit row. Call it inside the service's `transaction.atomic` block. An action
    code that was never registered is refused (ImproperlyConfigured) before anything is written."""
    if action not in _labels:
        raise ImproperlyConfigured(
            f"audit action {action!r} is not registered: add it to register_actions() in its app"
        )
    info = current_request_info()
    if region_code is None:
        region_code = getattr(obj, "region_code", "") or ""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        region_code=region_code,
        changes=changes or {},
        request_id=info.request_id,
        ip_address=info.ip,
    )
