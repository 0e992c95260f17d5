"""Accountability and audit: an LPJ generated from the ledger (DOCX, XLSX); the annual audit
recorded with its opinion and findings, listed with their follow-ups (UPK, BKM and
facilitators)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils.translation import gettext as _

from tridaya.core.policy import authorize, can
from tridaya.finance.forms import AuditForm, FindingCloseForm, LpjDecisionForm, LpjSubmitForm
from tridaya.finance.models import Allocation, AuditFinding, AuditOpinion, Lpj, LpjStatus
from tridaya.finance.selectors.reports import audits_of, lpj_report
from tridaya.finance.selectors.tranches import allocations_of
from tridaya.finance.services.reports import (
    FindingInput,
    audit_record,
    finding_close,
    lpj_decide,
    lpj_submit,
)
from tridaya.finance.views import form_page, run_form, village_of
from tridaya.finance.views.books import XLSX


def audits(request, code: str):
    village = village_of(code)
    authorize(request.user, "finance.record_audit", village)
    form = AuditForm(request.POST or None, opinions=AuditOpinion.choices)

    def action():
        data = form.cleaned_data
        return audit_record(
            actor=request.user,
            village=village,
            year=data["year"],
            auditor=data["auditor"],
            audited_on=data["audited_on"],
            opinion=data["opinion"],
            findings=[
                FindingInput(text=text, follow_up=follow_up, due_on=due_on)
                for text, follow_up, due_on in form.findings()
            ],
        )

    return form_page(
        request,
        village,
        form,
        title=_("Audit tahunan"),
        intro=_("Catat hasil audit akuntan publik; setiap temuan menjadi tindak lanjut."),
        action=action,
        done=lambda _audit: resolve_url("finance:audits", code=code),
        extra={
            "audits": audits_of(village).order_by("-year"),
            "rows_template": "finance/_audits.html",
            "section": "audits",
        },
    )


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def lpj_file(request, code: str, lpj_id: int, fmt: str):
    """An LPJ generated from the ledger, as DOCX or XLSX."""
    from tridaya.finance import exports  # openpyxl on use, not with the URL conf

    if fmt not in ("docx", "xlsx"):
        raise Http404
    village = village_of(code)
    authorize(request.user, "finance.view_books", village)
    lpj = get_object_or_404(
        Lpj.objects.select_related("allocation__scheme", "allocation__village"),
        pk=lpj_id,
        allocation__village=village,
    )
    report = lpj_report(lpj.allocation, lpj.tranche, lpj.period_end)
    data = exports.lpj_docx(report) if fmt == "docx" else exports.lpj_workbook(report)
    response = HttpResponse(data, content_type=DOCX if fmt == "docx" else XLSX)
    response["Content-Disposition"] = f'attachment; filename="lpj-{village.code}-{lpj.pk}.{fmt}"'
    return response


def lpj_new(request, code: str):
    """Submit the LPJ of a tranche (0 = final), or again after a return (UPK, BKM)."""
    village = village_of(code)
    authorize(request.user, "finance.post_voucher", village)
    form = LpjSubmitForm(request.POST or None, allocations=allocations_of(village))

    def action():
        data = form.cleaned_data
        allocation = get_object_or_404(Allocation, pk=data["allocation"], village=village)
        return lpj_submit(
            actor=request.user,
            allocation=allocation,
            tranche=data["tranche"],
            period_end=data["period_end"],
        )

    return form_page(
        request,
        village,
        form,
        title=_("Ajukan LPJ"),
        intro=_(
            "LPJ dibuat dari buku kas sampai akhir periode (DOCX dan XLSX); pendamping "
            "menerimanya atau mengembalikannya dengan alasan."
        ),
        submit=_("Ajukan"),
        action=action,
        done=lambda lpj: resolve_url("finance:lpj", code=code, lpj_id=lpj.pk),
    )


def lpj_page(request, code: str, lpj_id: int):
    """An LPJ with its totals and files; the facilitator's accept / return form while it waits."""
    village = village_of(code)
    authorize(request.user, "finance.view_books", village)
    lpj = get_object_or_404(
        Lpj.objects.select_related("allocation__scheme", "submitted_by", "decided_by"),
        pk=lpj_id,
        allocation__village=village,
    )
    may_decide = can(request.user, "finance.verify", village) and lpj.status == LpjStatus.SUBMITTED
    form = LpjDecisionForm(request.POST or None) if may_decide else None
    if request.method == "POST":
        authorize(request.user, "finance.verify", village)
        if form is not None and form.is_valid():
            decided = run_form(
                form, lambda: lpj_decide(actor=request.user, lpj=lpj, **form.cleaned_data)
            )
            if decided is not None:
                return redirect("finance:lpj", code=code, lpj_id=lpj.pk)
    report = lpj_report(lpj.allocation, lpj.tranche, lpj.period_end)
    return render(
        request,
        "finance/lpj.html",
        {"village": village, "lpj": lpj, "report": report, "form": form},
    )


def finding_close_page(request, code: str, finding_id: int):
    """Close an audit finding's follow-up, saying what was done."""
    village = village_of(code)
    authorize(request.user, "finance.record_audit", village)
    finding = get_object_or_404(
        AuditFinding.objects.select_related("audit"), pk=finding_id, audit__village=village
    )
    form = FindingCloseForm(request.POST or None)
    return form_page(
        request,
        village,
        form,
        title=_("Tutup temuan audit %(year)s no. %(number)s")
        % {"year": finding.audit.year, "number": finding.number},
        intro=finding.text,
        submit=_("Tutup temuan"),
        action=lambda: finding_close(actor=request.user, finding=finding, **form.cleaned_data),
        done=lambda _finding: resolve_url("finance:audits", code=code),
        extra={"section": "audits"},
    )
