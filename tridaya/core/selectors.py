from django.db.models import Q, QuerySet

from tridaya.core.models import AuditEvent


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
