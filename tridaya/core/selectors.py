import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, TypeVar

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from tridaya.core.errors import NotFound
from tridaya.core.models import AuditEvent

M = TypeVar("M", bound=Model)


def one_of(queryset: QuerySet[M], **lookup: Any) -> M:
    """The one row of `queryset` matching `lookup`, or NotFound (which pages and the API answer
    with 404): what a selector uses instead of get_object_or_404."""
    try:
        return queryset.get(**lookup)
    except ObjectDoesNotExist:
        raise NotFound(
            _("%(what)s tidak ditemukan.") % {"what": queryset.model._meta.verbose_name}
        ) from None


def audit_events_in_region(code: str) -> QuerySet[AuditEvent]:
    """Events of objects in region `code` and every region under it, newest first."""
    return (
        AuditEvent.objects.filter(Q(region_code=code) | Q(region_code__startswith=code + "."))
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


def audit_events_for_object(object_type: str, object_id: str) -> QuerySet[AuditEvent]:
    return (
        AuditEvent.objects.filter(object_type=object_type, object_id=object_id)
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


# --- Readable history ------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeRow:
    """One changed field of an audit event as people read it."""

    label: str
    before: str
    after: str


def _model_of(object_type: str) -> type[Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field_of(model: type[Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _label(model: type[Model] | None, name: str) -> str:
    field = _field_of(model, name)
    if field is not None and hasattr(field, "verbose_name"):
        return capfirst(str(field.verbose_name))
    return name.replace("_", " ").strip().capitalize()


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def readable_value(value: Any, model: type[Model] | None = None, name: str = "") -> str:
    """A stored audit value as text: yes/no, dates as dd-mm-yyyy, choices by their label,
    nested data as 'label: value' pairs, never Python's repr."""
    if value is None or value == "":
        return "-"
    if isinstance(value, bool):
        return str(_("ya")) if value else str(_("tidak"))
    if isinstance(value, dict):
        return "; ".join(
            f"{_label(model, str(k))}: {readable_value(v, model, str(k))}" for k, v in value.items()
        )
    if isinstance(value, list):
        return "; ".join(readable_value(v, model, name) for v in value) or "-"
    field = _field_of(model, name)
    choices = dict(getattr(field, "flatchoices", None) or ())
    if choices and value in choices:
        return str(choices[value])
    text = str(value)
    if _ISO_DATE.match(text):
        return dt.date.fromisoformat(text).strftime("%d-%m-%Y")
    if _ISO_DATETIME.match(text):
        return dt.datetime.fromisoformat(text).strftime("%d-%m-%Y %H.%M")
    return text


def readable_changes(event: AuditEvent) -> list[ChangeRow]:
    """The event's {field: [before, after]} with the fields' labels and readable values."""
    model = _model_of(event.object_type)
    rows = []
    for name, pair in (event.changes or {}).items():
        before, after = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        rows.append(
            ChangeRow(
                label=_label(model, name),
                before=readable_value(before, model, name),
                after=readable_value(after, model, name),
            )
        )
    return rows


def audit_event_totals() -> dict[str, Any]:
    """How many audit events exist and the newest one's id (what a restored backup must keep)."""
    newest = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
    return {"events": AuditEvent.objects.count(), "newest_id": newest}
