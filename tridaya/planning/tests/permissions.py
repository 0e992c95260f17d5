"""The permission matrix rules of planning: who may read and write each route (see
tridaya/core/tests/permission_matrix.py)."""

from tridaya.core.tests.permission_matrix import (
    PUBLIC,
    SIGNED_IN,
    Route,
    any_of,
    first,
    pk_of,
    roles,
)
from tridaya.planning.models import (
    Activity,
    Ballot,
    Feedback,
    InvestmentRow,
    Plan,
    PlanProgram,
    PlanVersion,
    PriceItem,
    PriceList,
    PriorityArea,
    PriorityOption,
    PriorityRound,
    RABItem,
)


def round_(v):
    return {"pk": pk_of(PriorityRound, village_id=v)}


def option(v):
    found = first(PriorityOption, round__village_id=v)
    return {"pk": found.round_id, "option_id": found.pk}


def ballot(v):
    found = first(Ballot, round__village_id=v)
    return {"pk": found.round_id, "ballot_id": found.pk}


def area(v):
    return {"pk": pk_of(PriorityArea, village_id=v)}


def plan(v):
    return {"plan_id": pk_of(Plan, village_id=v)}


def version(v):
    found = first(PlanVersion, plan__village_id=v)
    return {"plan_id": found.plan_id, "number": found.number}


def version_fmt(v):
    return {**version(v), "fmt": "docx"}


def program(v):
    found = first(PlanProgram, version__plan__village_id=v)
    return {
        "plan_id": found.version.plan_id,
        "number": found.version.number,
        "program_id": found.pk,
    }


def row(v):
    found = first(InvestmentRow, version__plan__village_id=v)
    return {"plan_id": found.version.plan_id, "number": found.version.number, "row_id": found.pk}


def activity(v):
    found = first(Activity, version__plan__village_id=v)
    return {
        "plan_id": found.version.plan_id,
        "number": found.version.number,
        "activity_id": found.pk,
    }


def rab_item(v):
    found = first(RABItem, activity__version__plan__village_id=v)
    return {**activity_of(found.activity), "item_id": found.pk}


def activity_of(found):
    return {
        "plan_id": found.version.plan_id,
        "number": found.version.number,
        "activity_id": found.pk,
    }


def feedback(v):
    found = first(Feedback, version__plan__village_id=v)
    return {
        "plan_id": found.version.plan_id,
        "number": found.version.number,
        "feedback_id": found.pk,
    }


def price_list(v):
    found = first(PriceList)
    return {"code": found.region_id, "list_id": found.pk}


def price_item(v):
    found = first(PriceItem)
    return {"code": found.price_list.region_id, "list_id": found.price_list_id, "item_id": found.pk}


def price_region(v):
    return {"code": first(PriceList).region_id}


def document_job(v):
    from tridaya.core.models import Job

    return {**version(v), "job_id": pk_of(Job)}


RULES: dict[str, Route] = {
    "api-kawasan": Route(PUBLIC, "marketing.pledge"),
    "api-kawasan-area": Route(PUBLIC, "marketing.pledge", params=area),
    "api-kawasan-choose": Route(None, "marketing.pledge", params=area),
    "api-kawasan-criteria": Route(None, "marketing.pledge", params=area),
    "api-kawasan-derive": Route(None, "marketing.pledge"),
    "api-kawasan-import": Route(None, "marketing.pledge"),
    "api-kawasan-recompute": Route(None, "marketing.pledge", params=area),
    "api-kawasan-unchoose": Route(None, "marketing.pledge", params=area),
    "api-plan-activities": Route(PUBLIC, "planning.edit_plan", params=version),
    "api-plan-diff": Route(PUBLIC, None, params=plan, ok=(400,)),
    "api-plan-feedback": Route(None, "planning.run_public_test", params=version),
    "api-plan-feedback-answer": Route(None, "planning.run_public_test", params=feedback),
    "api-plan-item": Route(None, "planning.edit_plan", params=row),
    "api-plan-items": Route(PUBLIC, "planning.edit_plan", params=version),
    "api-plan-programs": Route(PUBLIC, "planning.edit_plan", params=version),
    "api-plan-rab": Route(PUBLIC, "planning.edit_plan", params=activity),
    "api-plan-rab-item": Route(None, "marketing.pledge", params=rab_item),
    "api-plan-transition": Route(
        None,
        any_of(
            "planning.edit_plan",
            "planning.run_public_test",
            "planning.sign_plan",
            "planning.legalise_plan",
            "planning.amend_plan",
        ),
        params=version,
    ),
    "api-plan-version": Route(PUBLIC, "marketing.pledge", params=version),
    "api-plans": Route(PUBLIC, "planning.edit_plan"),
    "api-price-impact": Route(PUBLIC, None, params=price_item),
    "api-price-import": Route(None, SIGNED_IN, params=price_list),
    "api-price-items": Route(PUBLIC, None, params=price_list),
    "api-price-lists": Route(PUBLIC, "planning.manage_price_lists", params=price_region),
    "api-priority-ballot": Route(None, "marketing.pledge", params=ballot),
    "api-priority-ballots": Route(SIGNED_IN, "planning.vote", params=round_),
    "api-priority-close": Route(None, "marketing.pledge", params=round_),
    "api-priority-criteria": Route(None, "marketing.pledge", params=round_),
    "api-priority-open": Route(None, "marketing.pledge", params=round_),
    "api-priority-option": Route(None, "marketing.pledge", params=option),
    "api-priority-options": Route(None, "marketing.pledge", params=round_),
    "api-priority-results": Route(PUBLIC, None, params=round_),
    "api-priority-round": Route(PUBLIC, "marketing.pledge", params=round_),
    "api-priority-rounds": Route(PUBLIC, "marketing.pledge"),
    "api-priority-scores": Route(None, "marketing.pledge", params=round_),
    "planning:activity": Route("planning.view_plans", "planning.view_plans", params=activity),
    "planning:activity_action": Route(None, "planning.edit_plan", params=activity),
    "planning:activity_edit": Route(
        roles("bkm", "city_coordinator", "facilitator", "tipp"),
        "planning.edit_plan",
        params=activity,
        ok=(302,),
    ),
    "planning:activity_new": Route(
        roles("bkm", "city_coordinator", "facilitator", "tipp"),
        "planning.edit_plan",
        params=version,
        ok=(302,),
    ),
    "planning:area": Route("planning.view_plans", "planning.view_plans", params=area),
    "planning:area_action": Route(None, "planning.edit_plan", params=area),
    "planning:area_derive": Route(None, "planning.edit_plan"),
    "planning:area_edit": Route("planning.edit_plan", "planning.edit_plan", params=area),
    "planning:area_import": Route("planning.edit_plan", "planning.edit_plan"),
    "planning:area_new": Route("planning.edit_plan", "planning.edit_plan"),
    "planning:areas": Route("planning.view_plans", "planning.view_plans"),
    "planning:compare": Route("planning.view_plans", "planning.view_plans", params=plan),
    "planning:document": Route("planning.view_plans", "planning.view_plans", params=version_fmt),
    "planning:document_job": Route("planning.view_plans", None, params=document_job, ok=(404,)),
    "planning:document_prepare": Route(None, "planning.view_plans", params=version_fmt),
    "planning:plan": Route("planning.view_plans", None, params=plan, ok=(302,)),
    "planning:plans": Route("planning.view_plans", "planning.edit_plan"),
    "planning:price_item": Route(
        "planning.view_plans", "planning.manage_price_lists", params=price_item
    ),
    "planning:price_list": Route(
        "planning.view_plans", "planning.manage_price_lists", params=price_list
    ),
    "planning:price_lists": Route(
        "planning.view_plans", "planning.manage_price_lists", params=price_region
    ),
    "planning:program_edit": Route(
        roles("bkm", "city_coordinator", "facilitator", "tipp"),
        "planning.edit_plan",
        params=program,
        ok=(302,),
    ),
    "planning:program_new": Route(
        roles("bkm", "city_coordinator", "facilitator", "tipp"),
        "planning.edit_plan",
        params=version,
        ok=(302,),
    ),
    "planning:round": Route("planning.view_plans", "planning.view_plans", params=round_),
    "planning:round_action": Route(None, "planning.edit_plan", params=round_),
    "planning:round_ballot": Route(
        roles(
            "bkm",
            "city_coordinator",
            "facilitator",
            "ksm",
            "resident",
            "tipp",
            "upk",
            "upl",
            "ups",
            "village_apparatus",
        ),
        roles(
            "bkm",
            "city_coordinator",
            "facilitator",
            "ksm",
            "resident",
            "tipp",
            "upk",
            "upl",
            "ups",
            "village_apparatus",
        ),
        params=round_,
    ),
    "planning:round_edit": Route("planning.edit_plan", "planning.edit_plan", params=round_),
    "planning:round_options": Route("planning.edit_plan", "planning.edit_plan", params=round_),
    "planning:round_scores": Route("planning.edit_plan", "planning.edit_plan", params=round_),
    "planning:rounds": Route("planning.view_plans", "planning.edit_plan"),
    "planning:row_edit": Route(
        roles("bkm", "city_coordinator", "facilitator", "tipp"),
        "planning.edit_plan",
        params=row,
        ok=(302,),
    ),
    "planning:row_new": Route(
        roles("bkm", "city_coordinator", "facilitator", "tipp"),
        "planning.edit_plan",
        params=version,
        ok=(302,),
    ),
    "planning:safeguards": Route(
        roles("bkm", "city_coordinator", "facilitator", "tipp"),
        "planning.edit_plan",
        params=version,
        ok=(302,),
    ),
    "planning:version": Route("planning.view_plans", "planning.view_plans", params=version),
    "planning:version_action": Route(
        None,
        any_of(
            "planning.edit_plan",
            "planning.run_public_test",
            "planning.sign_plan",
            "planning.legalise_plan",
            "planning.amend_plan",
        ),
        params=version,
    ),
    "planning:version_edit": Route(
        roles("bkm", "city_coordinator", "facilitator", "tipp"),
        "planning.edit_plan",
        params=version,
        ok=(302,),
    ),
}
