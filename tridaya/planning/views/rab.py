"""Pages of RTPLP activities: location, RAB, schedule, attachments and funding split."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tridaya.core.pages import apply_service_error
from tridaya.core.policy import authorize, can
from tridaya.planning import policy
from tridaya.planning.calc import FUNDING_FIELDS, FundingSource
from tridaya.planning.forms.plans import (
    BENEFICIARY_FIELDS,
)
from tridaya.planning.forms.rab import ActivityForm, AttachmentForm, RABItemForm
from tridaya.planning.models import (
    Activity,
    ActivityAttachment,
    InvestmentRow,
    PlanKind,
    RABItem,
    VersionState,
)
from tridaya.planning.problem_names import problem_names
from tridaya.planning.selectors import plans as selectors
from tridaya.planning.selectors import price_lists
from tridaya.planning.selectors import rab as rab_selectors
from tridaya.planning.selectors import snapshots as snapshot_selectors
from tridaya.planning.services import rab, snapshots
from tridaya.planning.views.plans import (
    _editable,
    _errors,
    _form_page,
    _locked_redirect,
    _problem_choices,
    _rts,
    _tiles,
    _version_url,
)
from tridaya.regions.pages import village_or_404


@login_required
def activity_form(request, code: str, plan_id: int, number: int, activity_id: int | None = None):
    page = _editable(request, code, plan_id, number)
    if (blocked := _locked_redirect(request, page)) is not None:
        return blocked
    activity = (
        get_object_or_404(Activity, pk=activity_id, version=page.version) if activity_id else None
    )
    initial: dict = {"year": page.version.start_year}
    if activity is not None:
        initial = {
            name: getattr(activity, name)
            for name in (
                "name",
                "domain",
                "sector",
                "year",
                "location",
                "geometry",
                "volume",
                "unit",
                "starts_on",
                "ends_on",
                "description",
                "main_source",
                *FUNDING_FIELDS.values(),
                *BENEFICIARY_FIELDS,
            )
        }
        initial.update(
            {
                "rt": activity.rt_id,
                "rplp_row": activity.rplp_row_id,
                "problems": list(activity.problems.all()),
            }
        )
    rplp_rows = InvestmentRow.objects.filter(
        version__plan__village=page.village,
        version__plan__kind=PlanKind.RPLP,
        version__state=VersionState.LEGALISED,
    ).select_related("version")
    form = ActivityForm(
        request.POST or None,
        years=page.version.years,
        rts=_rts(page.village),
        problems=_problem_choices(page),
        rplp_rows=rplp_rows,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = rab.activity_save(
                actor=request.user, version=page.version, data=form.to_input(), activity=activity
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Kegiatan disimpan."))
            return redirect(
                "planning:activity", code=code, plan_id=plan_id, number=number, activity_id=saved.pk
            )
    title = _("Ubah kegiatan") if activity else _("Tambah kegiatan")
    features = selectors.map_features(page)
    return _form_page(
        request,
        page,
        form,
        title,
        map_data={
            "features": features,
            "tiles": {"url": _tiles()[0], "attribution": _tiles()[1]},
            "pick": True,
        },
    )


def activity_detail(request, code: str, plan_id: int, number: int, activity_id: int):
    village = village_or_404(code)
    timezone.activate(village.timezone)
    plan = selectors.plan_for_village(code, plan_id)
    version = selectors.version_of(plan, number)
    activity = rab_selectors.activity_in(version, activity_id)
    if version.is_locked:  # what it answered as legalised, not the problems' current titles
        snapshot = snapshot_selectors.snapshot_of(version) or snapshots.ensure_frozen(
            version=version
        )
        if snapshot is not None:
            snapshot_selectors.frozen_activity(activity, snapshot)
    may_edit = version.is_editable and can(request.user, policy.EDIT_PLAN, version)
    form = RABItemForm(price_items=price_lists.price_items_for(code)) if may_edit else None
    return render(
        request,
        "planning/activity.html",
        {
            "village": village,
            "plan": plan,
            "version": version,
            "activity": activity,
            "problem_names": problem_names(activity.problems.all()),
            "items": list(activity.rab_items.all()),
            "funding": [
                (FundingSource(s).label, getattr(activity, name), s == activity.main_source)
                for s, name in FUNDING_FIELDS.items()
                if getattr(activity, name) or s == activity.main_source
            ],
            "may_edit": may_edit,
            "rab_form": form,
            "attachment_form": AttachmentForm() if may_edit else None,
        },
    )


@login_required
@require_POST
def activity_action(request, code: str, plan_id: int, number: int, activity_id: int):
    """The RAB and attachment forms of an activity page, and its delete buttons."""
    plan = selectors.plan_for_village(code, plan_id)
    version = selectors.version_of(plan, number)
    activity = get_object_or_404(Activity, pk=activity_id, version=version)
    authorize(request.user, policy.EDIT_PLAN, version)
    action = request.POST.get("action", "")
    back = redirect(
        "planning:activity", code=code, plan_id=plan_id, number=number, activity_id=activity_id
    )
    try:
        if action == "rab_add":
            form = RABItemForm(request.POST, price_items=price_lists.price_items_for(code))
            if not form.is_valid():
                for errors in form.errors.values():
                    for error in errors:
                        messages.error(request, str(error))
                return back
            rab.rab_item_add(actor=request.user, activity=activity, data=form.to_input())
            messages.success(request, _("Baris RAB ditambahkan."))
        elif action == "rab_delete":
            item = get_object_or_404(RABItem, pk=request.POST.get("item"), activity=activity)
            rab.rab_item_delete(actor=request.user, item=item)
            messages.success(request, _("Baris RAB dihapus."))
        elif action == "attach":
            upload = AttachmentForm(request.POST, request.FILES)
            if not upload.is_valid():
                raise ValidationError([e for errs in upload.errors.values() for e in errs])
            rab.attachment_add(actor=request.user, activity=activity, **upload.cleaned_data)
            messages.success(request, _("Lampiran diunggah."))
        elif action == "detach":
            attachment = get_object_or_404(
                ActivityAttachment, pk=request.POST.get("attachment"), activity=activity
            )
            rab.attachment_delete(actor=request.user, attachment=attachment)
            messages.success(request, _("Lampiran dihapus."))
        elif action == "delete":
            rab.activity_delete(actor=request.user, activity=activity)
            messages.success(request, _("Kegiatan dihapus."))
            return redirect(_version_url(version) + "#kegiatan")
        else:
            raise ValidationError(_("Tindakan tidak dikenal."))
    except ValidationError as exc:
        _errors(request, exc)
    return back
