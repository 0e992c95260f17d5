"""Accountability and audit: an LPJ generated from the ledger (DOCX, XLSX); the annual audit
recorded with its opinion and findings, listed with their follow-ups (UPK, BKM and
facilitators)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, resolve_url
from django.utils.translation import gettext as _

from tridaya.core.policy import authorize
from tridaya.finance import exports
from tridaya.finance.forms import AuditForm
from tridaya.finance.models import AuditOpinion, Lpj
from tridaya.finance.selectors.reports import audits_of, lpj_report
from tridaya.finance.services.reports import FindingInput, audit_record
from tridaya.finance.views import form_page, village_of
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
