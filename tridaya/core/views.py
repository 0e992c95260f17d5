from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import defaults

from tridaya.core.pages import history_context
from tridaya.core.policy import authorize
from tridaya.core.selectors import audit_events_for_object


def page_not_found(request, exception) -> HttpResponse:
    """404: JSON under /api/ (an API client reads `detail`, as for every other API error),
    the HTML page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Alamat API tidak ditemukan.")}, status=404)
    return defaults.page_not_found(request, exception)


def cycle_guide(request):
    return render(request, "core/cycle_guide.html")


def _load_object(object_type: str, object_id: str):
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        raise Http404 from None
    try:
        return model._default_manager.get(pk=object_id)
    except (model.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None


@login_required
def object_audit(request, object_type: str, object_id: str):
    """The history of one object, for those allowed to read its region's audit trail."""
    obj = _load_object(object_type, object_id)
    authorize(request.user, "core.view_audit", obj)
    events = audit_events_for_object(object_type.lower(), str(obj.pk))
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/audit_list.html",
        {
            "subject": obj,
            **history_context(request.user, page),
            "tz_name": None,
            "tz_label": timezone.get_current_timezone_name(),
        },
    )


@login_required
def job_detail(request, pk: int):
    """A background job's progress, result or error; polled by htmx every 2 s while it runs.
    Only its starter and superusers see it (others: 404, no existence leak)."""
    from tridaya.core import jobs
    from tridaya.core.models import Job

    job = Job.objects.filter(pk=pk).first()
    if job is None or not (request.user.is_superuser or job.created_by_id == request.user.pk):
        raise Http404
    context = {"job": job, "kind_label": jobs.kind_label(job.kind)}
    if request.htmx:
        return render(request, "core/job.html#status", context)
    return render(request, "core/job.html", context)
