"""The marketing home of a village (gaps per plan, the way to every part), the gap view with its
XLSX export, and the roll-up of a regency or province. All public: they show organisations and
money, never people."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from tridaya.core.policy import authorize, can
from tridaya.marketing import policy, selectors
from tridaya.marketing.views import village_of
from tridaya.regions.models import Level, Region
from tridaya.regions.selectors import attach_ancestors


def home(request, code: str):
    village = village_of(code)
    authorize(request.user, policy.VIEW, village)
    report = selectors.funding_gaps(code)
    return render(
        request,
        "marketing/home.html",
        {
            "village": village,
            "report": report,
            "prospectuses": list(selectors.prospectuses_of_village(code)),
            "pledge_counts": selectors.pledge_state_counts(code),
            "may_pledge": can(request.user, policy.PLEDGE, village),
            "city_code": code[:5],
        },
    )


def gaps(request, code: str):
    village = village_of(code)
    authorize(request.user, policy.VIEW, village)
    return render(
        request,
        "marketing/gaps.html",
        {"village": village, "region": village, "report": selectors.funding_gaps(code)},
    )


def gaps_xlsx(request, code: str):
    from tridaya.marketing import exports  # openpyxl on use, not with the URL conf

    region = get_object_or_404(Region, code=code)
    authorize(request.user, policy.VIEW, region)
    content = exports.gaps_workbook(selectors.funding_gaps(code), str(region))
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="celah-pendanaan-{code}.xlsx"'
    return response


def rollup(request, code: str):
    """Money mobilised by source against BLM (leverage) and activities funded / partly /
    unfunded, per village of a regency or province."""
    region = get_object_or_404(Region, code=code)
    authorize(request.user, policy.VIEW, region)
    attach_ancestors([region])
    return render(
        request,
        "marketing/rollup.html",
        {
            "region": region,
            "is_village": region.level == Level.VILLAGE,
            "rollup": selectors.rollup(code),
        },
    )
