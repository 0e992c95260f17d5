"""Pages of the UP-UP, the TIPP, the Pokja, the KSM and the KPP."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tridaya.core.pages import apply_service_error
from tridaya.core.policy import authorize
from tridaya.institutions import forms as f
from tridaya.institutions import selectors, services
from tridaya.institutions.models import (
    KPP,
    KSM,
    TIPP,
    KPPMember,
    KSMMember,
    Person,
    Pokja,
    PokjaMember,
    TIPPMember,
    UPStaff,
    UPUnit,
)
from tridaya.institutions.policy import MANAGE, VIEW
from tridaya.institutions.views.common import (
    login_first,
    page_context,
    posted_action,
    remove_member,
    submit_form,
    village_for,
)


def up_units(request, code: str):
    if response := login_first(request):
        return response
    village = village_for(code)
    authorize(request.user, VIEW, village)
    action = posted_action(request, village)
    data = request.POST if action else None
    unit_form = f.UPUnitForm(data if action == "unit" else None, prefix="unit")
    staff_form = f.UPStaffForm(
        data if action == "staff" else None,
        people=selectors.people_choices(village),
        units=UPUnit.objects.filter(village=village).order_by("kind"),
        prefix="staff",
    )
    response = None
    if action == "unit":
        response = submit_form(
            request,
            unit_form,
            lambda d: services.up_unit_create(actor=request.user, village=village, **d),
            _("Unit dibentuk."),
        )
    elif action == "staff":
        response = submit_form(
            request,
            staff_form,
            lambda d: services.up_staff_add(actor=request.user, **d),
            _("Pengelola ditambahkan."),
        )
    elif action == "remove":
        return remove_member(request, UPStaff, village, "unit__village", services.up_staff_remove)
    if response:
        return response
    return render(
        request,
        "institutions/up_units.html",
        page_context(
            request,
            village,
            "up",
            units=selectors.up_units_of(village),
            unit_form=unit_form,
            staff_form=staff_form,
        ),
    )


def tipp(request, code: str):
    if response := login_first(request):
        return response
    village = village_for(code)
    authorize(request.user, VIEW, village)
    action = posted_action(request, village)
    data = request.POST if action else None
    team = selectors.tipp_view(village)
    initial = {}
    if team.tipp is not None:
        initial = {name: getattr(team.tipp, name) for name in services.TIPP_FIELDS}
    tipp_form = f.TIPPForm(data if action == "tipp" else None, initial=initial, prefix="tipp")
    member_form = f.TIPPMemberForm(
        data if action == "member" else None,
        people=selectors.people_choices(village),
        prefix="member",
    )
    response = None
    if action == "tipp":
        response = submit_form(
            request,
            tipp_form,
            lambda d: services.tipp_save(actor=request.user, village=village, **d),
            _("TIPP disimpan."),
        )
    elif action == "member" and team.tipp is not None:
        tipp_obj: TIPP = team.tipp
        response = submit_form(
            request,
            member_form,
            lambda d: services.tipp_member_add(actor=request.user, tipp=tipp_obj, **d),
            _("Anggota TIPP ditambahkan."),
        )
    elif action == "remove":
        return remove_member(
            request, TIPPMember, village, "tipp__village", services.tipp_member_remove
        )
    if response:
        return response
    return render(
        request,
        "institutions/tipp.html",
        page_context(
            request, village, "tipp", team=team, tipp_form=tipp_form, member_form=member_form
        ),
    )


def pokjas(request, code: str):
    if response := login_first(request):
        return response
    village = village_for(code)
    authorize(request.user, VIEW, village)
    action = posted_action(request, village)
    data = request.POST if action else None
    pokja_form = f.PokjaForm(data if action == "pokja" else None, prefix="pokja")
    member_form = f.PokjaMemberForm(
        data if action == "member" else None,
        people=selectors.people_choices(village),
        pokjas=Pokja.objects.filter(village=village).order_by("name"),
        prefix="member",
    )
    response = None
    if action == "pokja":
        response = submit_form(
            request,
            pokja_form,
            lambda d: services.pokja_create(actor=request.user, village=village, **d),
            _("Pokja dibentuk."),
        )
    elif action == "member":
        response = submit_form(
            request,
            member_form,
            lambda d: services.pokja_member_add(actor=request.user, **d),
            _("Relawan ditambahkan."),
        )
    elif action == "remove":
        return remove_member(
            request, PokjaMember, village, "pokja__village", services.pokja_member_remove
        )
    if response:
        return response
    return render(
        request,
        "institutions/pokjas.html",
        page_context(
            request,
            village,
            "pokja",
            pokjas=selectors.pokjas_of(village),
            pokja_form=pokja_form,
            member_form=member_form,
        ),
    )


def ksms(request, code: str):
    if response := login_first(request):
        return response
    village = village_for(code)
    authorize(request.user, VIEW, village)
    action = posted_action(request, village)
    member_form = f.KSMMemberForm(
        request.POST if action == "member" else None,
        people=selectors.people_choices(village),
        ksms=KSM.objects.filter(village=village).order_by("name"),
        prefix="member",
    )
    if action == "member":
        response = submit_form(
            request,
            member_form,
            lambda d: services.ksm_member_add(actor=request.user, **d),
            _("Anggota KSM ditambahkan."),
        )
        if response:
            return response
    elif action == "remove":
        return remove_member(
            request, KSMMember, village, "ksm__village", services.ksm_member_remove
        )
    return render(
        request,
        "institutions/ksms.html",
        page_context(
            request, village, "ksm", ksms=selectors.ksms_of(village), member_form=member_form
        ),
    )


@login_required
def ksm_create(request, code: str):
    village = village_for(code)
    authorize(request.user, MANAGE, village)
    form = f.KSMForm(request.POST or None, people=selectors.people_choices(village))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ksm = services.ksm_create(
                actor=request.user,
                village=village,
                name=data["name"],
                activity=data["activity"],
                formed_on=data["formed_on"],
                members=list(data["members"]),
                leader=data["leader"],
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("%(ksm)s dibentuk.") % {"ksm": ksm.name})
            return redirect("institutions:ksms", code=village.code)
    return render(
        request,
        "institutions/form.html",
        page_context(request, village, "ksm", form=form, title=_("Bentuk KSM")),
    )


@login_required
def ksm_edit(request, code: str, pk: int):
    village = village_for(code)
    ksm = get_object_or_404(KSM, pk=pk, village=village)
    authorize(request.user, MANAGE, ksm)
    members = Person.objects.filter(ksm_posts__ksm=ksm).order_by("name", "id")
    initial = {
        "name": ksm.name,
        "activity": ksm.activity,
        "formed_on": ksm.formed_on,
        "leader": ksm.leader_id,
    }
    form = f.KSMEditForm(request.POST or None, initial=initial, people=members)
    if request.method == "POST" and form.is_valid():
        try:
            services.ksm_update(actor=request.user, ksm=ksm, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("%(ksm)s disimpan.") % {"ksm": ksm.name})
            return redirect("institutions:ksms", code=village.code)
    title = _("Ubah %(ksm)s") % {"ksm": ksm.name}
    return render(
        request,
        "institutions/form.html",
        page_context(request, village, "ksm", form=form, title=title),
    )


def kpps(request, code: str):
    if response := login_first(request):
        return response
    village = village_for(code)
    authorize(request.user, VIEW, village)
    action = posted_action(request, village)
    member_form = f.KPPMemberForm(
        request.POST if action == "member" else None,
        people=selectors.people_choices(village),
        kpps=KPP.objects.filter(village=village).order_by("name"),
        prefix="member",
    )
    if action == "member":
        response = submit_form(
            request,
            member_form,
            lambda d: services.kpp_member_add(actor=request.user, **d),
            _("Anggota KPP ditambahkan."),
        )
        if response:
            return response
    elif action == "remove":
        return remove_member(
            request, KPPMember, village, "kpp__village", services.kpp_member_remove
        )
    return render(
        request,
        "institutions/kpps.html",
        page_context(
            request, village, "kpp", kpps=selectors.kpps_of(village), member_form=member_form
        ),
    )


@login_required
def kpp_create(request, code: str):
    village = village_for(code)
    authorize(request.user, MANAGE, village)
    form = f.KPPForm(request.POST or None, people=selectors.people_choices(village))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            kpp = services.kpp_create(
                actor=request.user,
                village=village,
                name=data["name"],
                assets=data["assets"],
                formed_on=data["formed_on"],
                members=list(data["members"]),
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("%(kpp)s dibentuk.") % {"kpp": kpp.name})
            return redirect("institutions:kpps", code=village.code)
    return render(
        request,
        "institutions/form.html",
        page_context(request, village, "kpp", form=form, title=_("Bentuk KPP")),
    )
