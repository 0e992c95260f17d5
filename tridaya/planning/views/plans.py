"""Pages of RPLP and RTPLP plans (PART 2), under /wilayah/<code>/perencanaan/: the village's
plans, a version with its programs, investment plan, activities and RAB, poverty check, uji
publik, legalisation and documents, the difference between two versions, and the regional price
lists (HSPK) with the activities a price change moves.

Plans are public; every form needs a login, then `authorize` answers 404 outside the user's
regions and 403 inside them without the role."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tridaya.core.policy import authorize, can
from tridaya.cycle.selectors import village_region
from tridaya.planning import documents_plans, policy
from tridaya.planning import selectors_plans as selectors
from tridaya.planning import services_plans as plans
from tridaya.planning import services_rab as rab
from tridaya.planning.calc import FUNDING_FIELDS, FundingSource
from tridaya.planning.forms_plans import (
    BENEFICIARY_FIELDS,
    ActivityForm,
    AmendForm,
    AttachmentForm,
    FeedbackForm,
    InvestmentRowForm,
    PlanCreateForm,
    PriceChangeForm,
    PriceImportForm,
    PriceListForm,
    ProgramForm,
    PublicTestForm,
    RABItemForm,
    SafeguardsForm,
    VersionTextsForm,
)
from tridaya.planning.models import (
    Activity,
    ActivityAttachment,
    Feedback,
    InvestmentRow,
    PlanKind,
    PlanProgram,
    PriceItem,
    PriorityArea,
    RABItem,
    VersionState,
)
from tridaya.planning.outlines import active_outline, chapters_of
from tridaya.regions.models import RT, Level, Region
from tridaya.regions.selectors import attach_ancestors


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _add_error(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _version_url(page_or_version) -> str:
    version = getattr(page_or_version, "version", page_or_version)
    from django.urls import reverse

    return reverse(
        "planning:version",
        args=[version.plan.village_id, version.plan_id, version.number],
    )


# --- The village's plans ---------------------------------------------------------------------


def plan_list(request, code: str):
    village = village_region(code)
    timezone.activate(village.timezone)
    may_create = can(request.user, policy.EDIT_PLAN, village)
    areas = PriorityArea.objects.filter(village=village).order_by("name")
    form = None
    if may_create:
        form = PlanCreateForm(
            request.POST or None, areas=areas, initial={"start_year": timezone.localdate().year + 1}
        )
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            try:
                plan = plans.plan_create(
                    actor=request.user,
                    village=village,
                    kind=d["kind"],
                    start_year=d["start_year"],
                    title=d["title"],
                    kawasan=d["kawasan"] if d["kind"] == PlanKind.RTPLP else None,
                )
            except ValidationError as exc:
                _add_error(form, exc)
            else:
                messages.success(request, _("Rencana dibuat sebagai draf versi 1."))
                return redirect("planning:version", code=code, plan_id=plan.pk, number=1)
    elif request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/akun/masuk/?next={request.path}")
        authorize(request.user, policy.EDIT_PLAN, village)
    return render(
        request,
        "planning/plans.html",
        {
            "village": village,
            "plans": selectors.village_plans(village),
            "form": form,
            "may_prices": can(request.user, policy.MANAGE_PRICE_LISTS, village.ancestor_codes[1])
            if len(village.ancestor_codes) > 1
            else False,
            "regency_code": village.ancestor_codes[1] if len(village.ancestor_codes) > 1 else "",
        },
    )


def plan_newest(request, code: str, plan_id: int):
    plan = selectors.plan_for_village(code, plan_id)
    version = selectors.newest_version(plan)
    if version is None:
        raise Http404
    return redirect("planning:version", code=code, plan_id=plan.pk, number=version.number)


def _perms(request, version) -> dict[str, bool]:
    user = request.user
    return {
        "edit": version.is_editable and can(user, policy.EDIT_PLAN, version),
        "public_test": can(user, policy.RUN_PUBLIC_TEST, version),
        "sign": can(user, policy.SIGN_PLAN, version),
        "legalise": can(user, policy.LEGALISE_PLAN, version),
        "amend": can(user, policy.AMEND_PLAN, version),
    }


def version_detail(request, code: str, plan_id: int, number: int):
    page = selectors.version_page(code, plan_id, number)
    timezone.activate(page.village.timezone)
    version = page.version
    perms = _perms(request, version)
    features = selectors.map_features(page)
    readiness = plans.readiness_problems(version) if version.state == VersionState.REVISED else []
    return render(
        request,
        "planning/version.html",
        {
            "page": page,
            "village": page.village,
            "plan": page.plan,
            "version": version,
            "perms_here": perms,
            "sources": [(s.value, s.label) for s in FundingSource],
            "map_data": {
                "features": features,
                "tiles": {"url": _tiles()[0], "attribution": _tiles()[1]},
            },
            "chart_data": {
                "domain": [[str(label), amount] for label, amount in page.totals.domain_rows()],
                "source": [
                    [str(label), amount] for label, amount in page.totals.source_rows() if amount
                ],
            },
            "public_test_form": PublicTestForm(village=page.village)
            if perms["public_test"]
            else None,
            "feedback_form": FeedbackForm() if perms["public_test"] else None,
            "amend_form": AmendForm() if perms["amend"] else None,
            "readiness": readiness,
            "signatory": _signatory(request, version),
            "newer": next((v for v in page.versions if v.number > version.number), None),
        },
    )


def _tiles() -> tuple[str, str]:
    from django.conf import settings

    return settings.TRIDAYA_TILE_URL, settings.TRIDAYA_TILE_ATTRIBUTION


def _signatory(request, version) -> str:
    if not request.user.is_authenticated or not can(request.user, policy.SIGN_PLAN, version):
        return ""
    try:
        return plans.signatory_kind_for(request.user, version)
    except ValidationError:
        return ""


def _editable(request, code: str, plan_id: int, number: int):
    """The version for an edit page: login first, then the policy, then the state."""
    page = selectors.version_page(code, plan_id, number)
    authorize(request.user, policy.EDIT_PLAN, page.version)
    timezone.activate(page.village.timezone)
    return page


def _form_page(request, page, form, title: str, **extra):
    return render(
        request,
        "planning/form.html",
        {
            "page": page,
            "village": page.village,
            "version": page.version,
            "form": form,
            "title": title,
            **extra,
        },
    )


def _locked_redirect(request, page):
    if not page.version.is_editable:
        try:
            plans.require_editable(page.version)
        except ValidationError as exc:
            _errors(request, exc)
        return redirect(_version_url(page))
    return None


@login_required
def version_edit(request, code: str, plan_id: int, number: int):
    page = _editable(request, code, plan_id, number)
    if (blocked := _locked_redirect(request, page)) is not None:
        return blocked
    version = page.version
    text_fields = [
        (key, chapter.title)
        for chapter in chapters_of(active_outline(page.plan.kind).chapters)
        for key in chapter.text_keys
    ]
    initial = {
        name: getattr(version, name)
        for name in (
            "start_year",
            "vision",
            "mission",
            "concept",
            "community_rules",
            "env_social_notes",
        )
    }
    initial.update({f"section_{k}": version.sections.get(k, "") for k, _t in text_fields})
    form = VersionTextsForm(request.POST or None, section_fields=text_fields, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plans.version_update_texts(actor=request.user, version=version, data=form.to_input())
        except ValidationError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("Isi rencana disimpan."))
            return redirect(_version_url(page))
    return _form_page(request, page, form, _("Ubah isi rencana"))


@login_required
def program_form(request, code: str, plan_id: int, number: int, program_id: int | None = None):
    page = _editable(request, code, plan_id, number)
    if (blocked := _locked_redirect(request, page)) is not None:
        return blocked
    program = (
        get_object_or_404(PlanProgram, pk=program_id, version=page.version) if program_id else None
    )
    initial = {}
    if program is not None:
        initial = {
            "domain": program.domain,
            "name": program.name,
            "description": program.description,
            "years": program.years,
            "problems": list(program.problems.all()),
        }
    form = ProgramForm(
        request.POST or None,
        years=page.version.years,
        problems=_problem_choices(page),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            plans.program_save(
                actor=request.user, version=page.version, data=form.to_input(), program=program
            )
        except ValidationError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("Program disimpan."))
            return redirect(_version_url(page) + "#program")
    title = _("Ubah program") if program else _("Tambah program")
    return _form_page(request, page, form, title)


def _problem_choices(page):
    from tridaya.mapping.models import Problem, ProblemStatus

    problems = Problem.objects.filter(village=page.village).exclude(status=ProblemStatus.REJECTED)
    if page.is_rtplp:  # the problems inside the kawasan prioritas
        problems = problems.filter(pk__in=[p.pk for p in page.problems])
    return problems.order_by("kind", "-severity", "title")


def _rts(village: Region):
    return RT.objects.filter(village=village).select_related("rw")


@login_required
def row_form(request, code: str, plan_id: int, number: int, row_id: int | None = None):
    page = _editable(request, code, plan_id, number)
    if (blocked := _locked_redirect(request, page)) is not None:
        return blocked
    row = get_object_or_404(InvestmentRow, pk=row_id, version=page.version) if row_id else None
    initial: dict = {"year": page.version.start_year}
    if row is not None:
        initial = {
            name: getattr(row, name)
            for name in (
                "year",
                "domain",
                "component",
                "detail",
                "location",
                "quantity",
                "volume",
                "unit",
                "unit_cost",
                *FUNDING_FIELDS.values(),
                *BENEFICIARY_FIELDS,
            )
        }
        initial.update({"program": row.program_id, "rt": row.rt_id})
    form = InvestmentRowForm(
        request.POST or None,
        years=page.version.years,
        programs=PlanProgram.objects.filter(version=page.version),
        rts=_rts(page.village),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            plans.investment_row_save(
                actor=request.user, version=page.version, data=form.to_input(), row=row
            )
        except ValidationError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("Baris rencana investasi disimpan."))
            return redirect(_version_url(page) + "#investasi")
    title = _("Ubah baris rencana investasi") if row else _("Tambah baris rencana investasi")
    return _form_page(request, page, form, title)


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
            _add_error(form, exc)
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
    village = village_region(code)
    timezone.activate(village.timezone)
    plan = selectors.plan_for_village(code, plan_id)
    version = selectors.version_of(plan, number)
    activity = selectors.activity_in(version, activity_id)
    may_edit = version.is_editable and can(request.user, policy.EDIT_PLAN, version)
    form = RABItemForm(price_items=selectors.price_items_for(code)) if may_edit else None
    return render(
        request,
        "planning/activity.html",
        {
            "village": village,
            "plan": plan,
            "version": version,
            "activity": activity,
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
            form = RABItemForm(request.POST, price_items=selectors.price_items_for(code))
            if not form.is_valid():
                for errors in form.errors.values():
                    for error in errors:
                        messages.error(request, error)
                return back
            rab.rab_item_add(actor=request.user, activity=activity, data=form.to_input())
            messages.success(request, _("Baris RAB ditambahkan."))
        elif action == "rab_delete":
            item = get_object_or_404(RABItem, pk=request.POST.get("item"), activity=activity)
            rab.rab_item_delete(actor=request.user, item=item)
            messages.success(request, _("Baris RAB dihapus."))
        elif action == "attach":
            form = AttachmentForm(request.POST, request.FILES)
            if not form.is_valid():
                raise ValidationError([e for errs in form.errors.values() for e in errs])
            rab.attachment_add(actor=request.user, activity=activity, **form.cleaned_data)
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


@login_required
def safeguards_form(request, code: str, plan_id: int, number: int):
    page = _editable(request, code, plan_id, number)
    if (blocked := _locked_redirect(request, page)) is not None:
        return blocked
    form = SafeguardsForm(request.POST or None, answers=page.version.safeguards)
    if request.method == "POST" and form.is_valid():
        try:
            plans.version_set_safeguards(
                actor=request.user, version=page.version, answers=form.answers()
            )
        except ValidationError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("Daftar periksa pengaman disimpan."))
            return redirect(_version_url(page) + "#pengaman")
    return _form_page(request, page, form, _("Daftar periksa pengaman"))


@login_required
@require_POST
def version_action(request, code: str, plan_id: int, number: int):
    """The buttons of a version: uji publik, feedback, revision, sign-offs, legalisation,
    amendment, and deleting a program or an investment row."""
    plan = selectors.plan_for_village(code, plan_id)
    version = selectors.version_of(plan, number)
    user, action = request.user, request.POST.get("action", "")
    target = _version_url(version)
    try:
        if action == "public_test":
            form = PublicTestForm(request.POST, village=plan.village)
            _valid(form)
            plans.version_start_public_test(
                actor=user, version=version, meeting=form.cleaned_data["meeting"]
            )
            messages.success(request, _("Uji publik dimulai; catat masukan warga."))
        elif action == "feedback":
            form = FeedbackForm(request.POST)
            _valid(form)
            plans.feedback_add(actor=user, version=version, **form.cleaned_data)
            messages.success(request, _("Masukan dicatat."))
            target += "#uji-publik"
        elif action == "answer":
            item = get_object_or_404(Feedback, pk=request.POST.get("feedback"), version=version)
            plans.feedback_answer(
                actor=user,
                feedback=item,
                answer=request.POST.get("answer", ""),
                changes_plan=bool(request.POST.get("changes_plan")),
            )
            messages.success(request, _("Jawaban disimpan."))
            target += "#uji-publik"
        elif action == "revise":
            plans.version_revise(actor=user, version=version)
            messages.success(request, _("Uji publik selesai; versi ini dapat direvisi."))
        elif action == "sign":
            authorize(user, policy.SIGN_PLAN, version)
            plans.version_sign(
                actor=user, version=version, position=request.POST.get("position", "")
            )
            messages.success(request, _("Pengesahan tercatat."))
            target += "#pengesahan"
        elif action == "legalise":
            plans.version_legalise(actor=user, version=version)
            messages.success(request, _("Rencana disahkan. Versi ini tidak dapat diubah lagi."))
        elif action == "amend":
            form = AmendForm(request.POST)
            _valid(form)
            new = plans.version_amend(
                actor=user, version=version, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("Versi perubahan dibuat sebagai draf."))
            target = _version_url(new)
        elif action == "program_delete":
            program = get_object_or_404(PlanProgram, pk=request.POST.get("item"), version=version)
            plans.program_delete(actor=user, program=program)
            messages.success(request, _("Program dihapus."))
            target += "#program"
        elif action == "row_delete":
            row = get_object_or_404(InvestmentRow, pk=request.POST.get("item"), version=version)
            plans.investment_row_delete(actor=user, row=row)
            messages.success(request, _("Baris rencana investasi dihapus."))
            target += "#investasi"
        else:
            raise ValidationError(_("Tindakan tidak dikenal."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect(target)


def _valid(form) -> None:
    if not form.is_valid():
        raise ValidationError([e for errors in form.errors.values() for e in errors])


def version_compare(request, code: str, plan_id: int):
    village = village_region(code)
    plan = selectors.plan_for_village(code, plan_id)
    plan.village = village
    versions = list(plan.versions.order_by("number"))
    if len(versions) < 2:
        old_number = new_number = versions[0].number if versions else 1
    else:
        old_number, new_number = versions[-2].number, versions[-1].number
    try:
        old_number = int(request.GET.get("dari", old_number))
        new_number = int(request.GET.get("ke", new_number))
    except ValueError:
        raise Http404 from None
    old = selectors.version_data(village, plan, selectors.version_of(plan, old_number))
    new = selectors.version_data(village, plan, selectors.version_of(plan, new_number))
    return render(
        request,
        "planning/diff.html",
        {
            "village": village,
            "plan": plan,
            "versions": versions,
            "diff": selectors.version_diff(old, new),
        },
    )


def document(request, code: str, plan_id: int, number: int, fmt: str):
    if fmt not in documents_plans.FORMATS:
        raise Http404
    page = selectors.version_page(code, plan_id, number)
    content, content_type = documents_plans.plan_file(page, fmt)
    response = HttpResponse(content, content_type=content_type)
    filename = documents_plans.plan_filename(page, fmt)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Price lists (HSPK) ----------------------------------------------------------------------


def _region(code: str) -> Region:
    region = get_object_or_404(Region, code=code)
    attach_ancestors([region])
    return region


def price_lists(request, code: str):
    region = _region(code)
    may_manage = can(request.user, policy.MANAGE_PRICE_LISTS, region) and region.level in (
        Level.PROVINCE,
        Level.REGENCY,
    )
    form = PriceListForm(request.POST or None) if may_manage else None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/akun/masuk/?next={request.path}")
        authorize(request.user, policy.MANAGE_PRICE_LISTS, region, visible=True)
        if form is not None and form.is_valid():
            try:
                created = rab.price_list_create(
                    actor=request.user, region=region, **form.cleaned_data
                )
            except ValidationError as exc:
                _add_error(form, exc)
            else:
                messages.success(request, _("Daftar HSPK dibuat; impor harganya."))
                return redirect("planning:price_list", code=code, list_id=created.pk)
    return render(
        request,
        "planning/price_lists.html",
        {"region": region, "lists": selectors.price_lists_for(code), "form": form},
    )


def price_list_detail(request, code: str, list_id: int):
    region = _region(code)
    price_list = selectors.price_list_in(code, list_id)
    may_manage = can(request.user, policy.MANAGE_PRICE_LISTS, price_list)
    form = PriceImportForm() if may_manage else None
    report = None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/akun/masuk/?next={request.path}")
        authorize(request.user, policy.MANAGE_PRICE_LISTS, price_list, visible=True)
        form = PriceImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            report = rab.price_list_import(
                actor=request.user,
                price_list=price_list,
                content=upload.read(),
                filename=upload.name,
            )
            if report.ok:
                messages.success(
                    request,
                    _("Impor selesai: %(created)s baru, %(updated)s diubah, %(same)s tetap.")
                    % {
                        "created": report.created,
                        "updated": report.updated,
                        "same": report.unchanged,
                    },
                )
            else:
                messages.error(request, _("Berkas ditolak; tidak ada yang disimpan."))
    items = list(price_list.items.all())
    impacts = {}
    if report is not None and report.changed_items:
        for item in (i for i in items if i.pk in report.changed_items):
            impacts[item] = selectors.price_change_impact(item)
    return render(
        request,
        "planning/price_list.html",
        {
            "region": region,
            "price_list": price_list,
            "items": items,
            "form": form,
            "report": report,
            "impacts": impacts,
            "may_manage": may_manage,
        },
    )


def price_item_detail(request, code: str, list_id: int, item_id: int):
    """One unit price: the activities using it, what a new price would move (preview), and
    saving it; then apply it to each open RTPLP."""
    region = _region(code)
    price_list = selectors.price_list_in(code, list_id)
    item = get_object_or_404(PriceItem, pk=item_id, price_list=price_list)
    may_manage = can(request.user, policy.MANAGE_PRICE_LISTS, price_list)
    form = PriceChangeForm(request.POST or None, initial={"price": item.price})
    preview = None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/akun/masuk/?next={request.path}")
        action = request.POST.get("action", "preview")
        if action == "apply":
            version = _open_version(item, request.POST.get("version"))
            try:
                moved = rab.price_apply(actor=request.user, item=item, version=version)
            except ValidationError as exc:
                _errors(request, exc)
            else:
                messages.success(
                    request,
                    _("Harga baru dipakai di %(n)s kegiatan %(plan)s.")
                    % {"n": len(moved), "plan": version.plan.title},
                )
            return redirect(request.path)
        authorize(request.user, policy.MANAGE_PRICE_LISTS, price_list, visible=True)
        if form.is_valid():
            new_price = form.cleaned_data["price"]
            if action == "save":
                rab.price_item_set_price(actor=request.user, item=item, price=new_price)
                messages.success(request, _("Harga satuan disimpan."))
                return redirect(request.path)
            preview = (new_price, selectors.price_change_impact(item, new_price))
    return render(
        request,
        "planning/price_item.html",
        {
            "region": region,
            "price_list": price_list,
            "item": item,
            "form": form,
            "may_manage": may_manage,
            "preview": preview,
            "impacts": selectors.price_change_impact(item),
            "open_versions": [
                v
                for v in selectors.open_versions_using(item)
                if can(request.user, policy.EDIT_PLAN, v)
            ],
        },
    )


def _open_version(item: PriceItem, version_id):
    for version in selectors.open_versions_using(item):
        if str(version.pk) == str(version_id):
            return version
    raise Http404
