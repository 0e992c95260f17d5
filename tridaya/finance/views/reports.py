"""The annual audit: recorded with its opinion and findings, listed with their follow-ups
(UPK, BKM and facilitators)."""

from __future__ import annotations

from django.shortcuts import resolve_url
from django.utils.translation import gettext as _

from tridaya.core.policy import authorize
from tridaya.finance.forms import AuditForm
from tridaya.finance.models import AuditOpinion
from tridaya.finance.selectors.reports import audits_of
from tridaya.finance.services.reports import FindingInput, audit_record
from tridaya.finance.views import form_page, village_of


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
