from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet
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


def audit_event_totals() -> dict[str, Any]:
    """How many audit events exist and the newest one's id (what a restored backup must keep)."""
    newest = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
    return {"events": AuditEvent.objects.count(), "newest_id": newest}
