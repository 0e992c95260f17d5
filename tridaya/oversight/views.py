"""Complaint pages: the public form (anyone, on a phone, rate-limited, honeypot), the public
status page of a tracking code (with reopen), the handlers' queue (overdue first) and a handler's
complaint page (classify, log a step, escalate, resolve or reject)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tridaya.core.errors import NotFound
from tridaya.core.pages import (
    apply_service_error,
    render_shared,
    shared_page_key,
    shared_with_anonymous,
)
from tridaya.core.policy import authorize, can
from tridaya.oversight import (
    codes,
    forms,
    links,
    opendata,
    public,
    ratelimit,
    selectors,
    services,
)
from tridaya.oversight.models import LinkType
from tridaya.regions.models import Level, Region
from tridaya.regions.pages import village_or_404
from tridaya.regions.selectors import attach_ancestors

RATE_MESSAGE = _(
    "Terlalu banyak pengaduan dari perangkat atau jaringan ini dalam satu jam. Coba lagi nanti, "
    "atau sampaikan langsung ke kantor BKM."
)


def complaint_new(request, code: str):
    village = village_or_404(code, activate_timezone=True)
    authorize(request.user, "oversight.submit", village)
    form = forms.ComplaintForm(request.POST or None, request.FILES or None)
    limited = False
    if request.method == "POST":
        if not ratelimit.submit_allowed(request):
            limited = True
            form.add_error(None, RATE_MESSAGE)
        elif form.is_valid() and form.cleaned_data["website"]:
            ratelimit.submit_counted(request)  # a bot: nothing written, same-looking answer
            return render(
                request,
                "oversight/complaint_new.html",
                {
                    "village": village,
                    "form": forms.ComplaintForm(),
                    "map_data": _picker_data(village),
                },
            )
        elif form.is_valid():
            ratelimit.submit_counted(request)
            data = form.cleaned_data
            try:
                complaint = services.complaint_submit(
                    actor=request.user,
                    village=village,
                    text=data["text"],
                    name=data["name"],
                    contact=data["contact"],
                    latitude=data["latitude"],
                    longitude=data["longitude"],
                    photos=request.FILES.getlist("photos"),
                )
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                request.session["oversight_last_code"] = complaint.tracking_code
                return redirect("oversight:submitted")
    status = 429 if limited else 200
    return render(
        request,
        "oversight/complaint_new.html",
        {"village": village, "form": form, "map_data": _picker_data(village)},
        status=status,
    )


# Where the picker opens when the village has no point on record: the middle of Indonesia.
INDONESIA = (-2.5, 118.0)


def _picker_data(village) -> dict:
    """Start and texts of the map-point picker: the village's point when its profile has one."""
    profile = getattr(village, "profile", None)
    lat, lon = (profile.latitude, profile.longitude) if profile is not None else (None, None)
    known = lat is not None and lon is not None
    return {
        "center": [float(lat), float(lon)] if lat is not None and lon is not None else INDONESIA,
        "zoom": 15 if known else 5,
        "tiles": {
            "url": settings.TRIDAYA_TILE_URL,
            "attribution": settings.TRIDAYA_TILE_ATTRIBUTION,
        },
        "messages": {
            "placed": _("Titik dipilih:"),
            "cleared": _("Tidak ada titik (boleh dikosongkan)."),
            "locating": _("Mencari lokasi Anda..."),
            "no_location": _("Lokasi tidak didapat: ketuk peta untuk memilih titik."),
        },
    }


def submitted(request):
    code = request.session.get("oversight_last_code")
    if not code:
        return redirect("oversight:track")
    return render(request, "oversight/submitted.html", {"code": codes.display(code), "raw": code})


def track(request):
    form = forms.TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return redirect(
            "oversight:status", tracking=codes.normalise(form.cleaned_data["code"]) or "X"
        )
    return render(request, "oversight/track.html", {"form": form})


def _complaint_or_none(request, tracking: str):
    """A wrong code, an unknown code and too many lookups all get the same answer."""
    if not ratelimit.lookup_allowed(request):
        return None
    try:
        return selectors.complaint_by_code(tracking)
    except NotFound:
        return None


def _not_found(request):
    return render(
        request,
        "oversight/track.html",
        {
            "form": forms.TrackForm(),
            "not_found": _(
                "Kode lacak tidak ditemukan. Periksa lagi kodenya (10 huruf dan angka)."
            ),
        },
        status=404,
    )


def status(request, tracking: str):
    complaint = _complaint_or_none(request, tracking)
    if complaint is None:
        return _not_found(request)
    return render(
        request,
        "oversight/status.html",
        {
            "complaint": complaint,
            "reopen_form": forms.ReopenForm(),
            "tracking": tracking,
        },
    )


@require_POST
def reopen(request, tracking: str):
    complaint = _complaint_or_none(request, tracking)
    if complaint is None:
        return _not_found(request)
    form = forms.ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.complaint_reopen(
                actor=request.user, complaint=complaint, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Pengaduan dibuka kembali."))
    return redirect("oversight:status", tracking=complaint.tracking_code)


def complaints(request, code: str):
    village = village_or_404(code, activate_timezone=True)
    authorize(request.user, "oversight.view_complaints", village)
    rows = list(
        selectors.queue(request.user, village.code, open_only=request.GET.get("semua") != "1")
    )
    return render(
        request,
        "oversight/queue.html",
        {
            "village": village,
            "rows": rows,
            "stats": selectors.complaint_stats(village.code),
            "all": request.GET.get("semua") == "1",
        },
    )


HANDLER_FORMS = {
    "klasifikasi": forms.ClassifyForm,
    "langkah": forms.LogForm,
    "naikkan": forms.EscalateForm,
    "tutup": forms.CloseForm,
}


def _run(step: str, user, complaint, data) -> None:
    if step == "klasifikasi":
        services.complaint_classify(
            actor=user,
            complaint=complaint,
            klass=data["klass"],
            kind=data["kind"],
            scope=data["scope"],
            field=data["field"],
            link_type=data["link_type"] or "",
            link_id=data["link_id"],
        )
    elif step == "langkah":
        services.complaint_log(
            actor=user,
            complaint=complaint,
            kind=data["kind"],
            note=data["note"],
            public=data["public"],
        )
    elif step == "naikkan":
        services.complaint_escalate(actor=user, complaint=complaint, reason=data["reason"])
    else:
        services.complaint_close(
            actor=user,
            complaint=complaint,
            resolved=data["outcome"] == "selesai",
            note=data["note"],
        )


def complaint_detail(request, code: str, pk: int, step: str = ""):
    village = village_or_404(code, activate_timezone=True)
    authorize(request.user, "oversight.view_complaints", village)
    try:
        complaint = selectors.complaint_for_handler(village, pk)
    except NotFound:
        raise Http404 from None
    bound = {name: cls(prefix=name) for name, cls in HANDLER_FORMS.items()}
    if request.method == "POST":
        if step not in HANDLER_FORMS:
            raise Http404
        form = bound[step] = HANDLER_FORMS[step](request.POST, prefix=step)
        if form.is_valid():
            try:
                _run(step, request.user, complaint, form.cleaned_data)
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                return redirect(reverse("oversight:complaint", args=[village.code, complaint.pk]))
    return render(
        request,
        "oversight/complaint.html",
        {
            "village": village,
            "complaint": complaint,
            "forms": bound,
            "may_handle": can(request.user, "oversight.handle", complaint),
            "may_escalate": can(request.user, "oversight.escalate", complaint),
            "link": _link(village, complaint),
        },
    )


LINK_PAGES = {
    LinkType.PACKAGE: lambda code, obj: reverse("works:package", args=[code, obj.pk]),
    LinkType.VOUCHER: lambda code, obj: reverse("finance:voucher", args=[code, obj.pk]),
    LinkType.PLAN_VERSION: lambda code, obj: reverse(
        "planning:version", args=[code, obj.plan_id, obj.number]
    ),
    LinkType.STEP: lambda code, obj: reverse("cycle:step", args=[code, obj.code]),
}


def _link(village, complaint) -> dict | None:
    """What the complaint is linked to, for its handlers: label and page (when it has one)."""
    obj = links.linked(village, complaint.link_type, complaint.link_id)
    if obj is None:
        return None
    kind = LinkType(complaint.link_type)
    page = LINK_PAGES.get(kind)
    return {
        "type": kind.label,
        "name": links.link_name(kind, obj),
        "url": page(village.code, obj) if page else "",
    }


PUBLIC_TTL = 60  # seconds: the page is fresh within a minute of a posting


def _public_page(code: str):
    village = village_or_404(code, activate_timezone=True)
    authorize(AnonymousUser(), "oversight.public", village)
    return village, public.public_page(village)


def public_village(request, code: str):
    """Open without login. An anonymous visitor gets the whole page from the cache (a minute, per
    path, query string and language) with their own CSRF token, without a query; for a signed-in
    visitor the body (figures only, nothing about the visitor) comes from the cache and the frame
    around it (their navigation) is rendered."""
    if shared_with_anonymous(request):
        key = shared_page_key(request, "oversight:public-page")
        return render_shared(
            request, key, PUBLIC_TTL, lambda extra: _public_html(request, code, extra)
        )
    return HttpResponse(_public_html(request, code, {}))


def _public_html(request, code: str, extra: dict) -> str:
    village = village_or_404(code, activate_timezone=True)
    key = f"oversight:public:{village.code}:{get_language()}"
    body = cache.get(key)
    if body is None:
        _village, page = _public_page(code)
        body = render_to_string("oversight/public_body.html", {"village": village, "page": page})
        cache.set(key, body, PUBLIC_TTL)
    context = {"village": village, "body": mark_safe(body), **extra}  # noqa: S308 (our own template's output)
    return render_to_string("oversight/public.html", context, request=request)


def public_villages(request, code: str):
    """The villages of a kecamatan, city/regency or province with their headline figures, 25 a
    page; open without login. An anonymous visitor gets the whole page from the cache (a minute,
    keyed on the whole query string and the language) with their own CSRF token."""
    if shared_with_anonymous(request):
        key = shared_page_key(request, "oversight:villages")
        return render_shared(
            request, key, PUBLIC_TTL, lambda extra: _villages(request, code, extra)
        )
    return HttpResponse(_villages(request, code, {}))


def _villages(request, code: str, extra: dict) -> str:
    region = _wider_region(request, code)
    attach_ancestors([region])
    page_obj = Paginator(public.villages_under(region), public.VILLAGES_PER_PAGE).get_page(
        request.GET.get("halaman")
    )
    villages = list(page_obj.object_list)
    show_district = region.level < Level.DISTRICT
    if show_district:
        attach_ancestors(villages)
    as_of = timezone.localdate()
    rows = public.village_headlines(villages, as_of=as_of)
    context = {
        "region": region,
        "rows": rows,
        "page_obj": page_obj,
        "as_of": as_of,
        "show_district": show_district,
        "complaints": selectors.complaint_stats(region.code),
        **extra,
    }
    return render_to_string("oversight/public_villages.html", context, request=request)


def _download(key: str, build) -> HttpResponse:
    """A download from the cache (a minute, like the pages it mirrors), else `build()` stored
    there: the same bytes and headers for every visitor (nothing in it depends on who asks)."""
    found = cache.get(key)
    if found is None:
        response = build()
        found = (response.content, {h: response[h] for h in DOWNLOAD_HEADERS})
        cache.set(key, found, PUBLIC_TTL)
    content, headers = found
    return HttpResponse(content, headers=headers)


DOWNLOAD_HEADERS = ("Content-Type", "Content-Disposition", "Link")


def public_data(request, code: str, fmt: str):
    """The village page's figures as open data (CSV or JSON) with the licence line."""
    if fmt not in ("csv", "json"):
        raise Http404
    village = village_or_404(code, activate_timezone=True)
    key = f"oversight:public-data:{village.code}:{fmt}:{get_language()}"
    return _download(key, lambda: opendata.village_download(_public_page(code)[1], fmt))


def public_villages_data(request, code: str, fmt: str):
    """Every village of a kecamatan, city/regency or province with the list's headline figures,
    as open data (CSV or JSON, with the licence); open without login, cached for a minute."""
    if fmt not in ("csv", "json"):
        raise Http404
    return _download(
        shared_page_key(request, f"oversight:villages-data:{fmt}"),
        lambda: opendata.villages_download(_wider_region(request, code), fmt),
    )


def _wider_region(request, code: str) -> Region:
    region = Region.objects.filter(code=code, level__lt=Level.VILLAGE).first()
    if region is None:
        raise Http404
    authorize(request.user, "oversight.public", region)
    return region


def monitoring(request, code: str, package_id: int):
    """Residents' monitoring of one work package: the reports (public) and the checklist form
    (signed-in residents and the tim pengawas warga)."""
    from tridaya.works.selectors import package_of

    village = village_or_404(code, activate_timezone=True)
    authorize(request.user, "oversight.public", village)
    try:
        package = package_of(village, package_id)
    except NotFound:
        raise Http404 from None
    may_report = can(request.user, "oversight.monitor", village)
    form = forms.MonitoringForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        authorize(request.user, "oversight.monitor", village)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.monitoring_report(
                    actor=request.user,
                    village=village,
                    package_id=package.pk,
                    photo=data.pop("photo") or None,
                    **data,
                )
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, _("Laporan pemantauan tersimpan."))
                return redirect("oversight:monitoring", code=village.code, package_id=package.pk)
    return render(
        request,
        "oversight/monitoring.html",
        {
            "village": village,
            "package": package,
            "form": form,
            "may_report": may_report,
            "reports": selectors.monitoring_of(village, package.pk),
        },
    )


PAPER = {"a3": ("A3", 16), "a1": ("A1", 32)}


def papan(request, code: str, paper: str):
    """Papan informasi: the public figures as a printable A3 or A1 PDF with a QR code to the
    public page, dated."""
    import segno

    from tridaya.documents.pdf import render_pdf

    if paper not in PAPER:
        raise Http404
    village, page = _public_page(code)
    public_url = request.build_absolute_uri(reverse("oversight:public", args=[village.code]))
    qr = segno.make(public_url, error="m").svg_data_uri(scale=4)
    size, font_pt = PAPER[paper]
    pdf = render_pdf(
        "oversight/papan.html",
        {
            "village": village,
            "page": page,
            "qr": qr,
            "public_url": public_url,
            "paper": size,
            "font_pt": font_pt,
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"papan-informasi-{village.code}-{page.as_of:%Y%m%d}-{paper}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
