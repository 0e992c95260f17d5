"""The permission matrix rules of mapping: who may read and write each route (see
tridaya/core/tests/permission_matrix.py)."""

from tridaya.core.tests.permission_matrix import (
    PUBLIC,
    Route,
    any_of,
    first,
    pk_of,
)
from tridaya.mapping.models import Household, ImportBatch, Layer, Problem, ProblemPhoto, RTProfile


def household(v):
    return {"pk": pk_of(Household, village_id=v)}


def problem(v):
    return {"pk": pk_of(Problem, village_id=v)}


def problem_photo(v):
    photo = first(ProblemPhoto, problem__village_id=v)
    return {"pk": photo.problem_id, "photo_pk": photo.pk}


def batch(v):
    return {"pk": pk_of(ImportBatch, village_id=v)}


def layer(v):
    return {"pk": pk_of(Layer, village_id=v)}


def rt(v):
    return {"rt_id": first(Household, village_id=v).rt_id}


def rt_profile(v):
    return {"rt_pk": first(RTProfile, village_id=v).rt_id}


def rt_profile_year(v):
    profile = first(RTProfile, village_id=v)
    return {"rt_pk": profile.rt_id, "year": profile.year}


def xlsform(v):
    return {"form": "household"}


def csv(v):
    return {"ext": "csv"}


def layer_export(v):
    return {**layer(v), "ext": "geojson"}


def xlsx(v):
    return {"ext": "xlsx"}


RULES: dict[str, Route] = {
    "api-household": Route("cycle.sign", "cycle.record_meeting", params=household),
    "api-household-summary": Route(PUBLIC, None),
    "api-households": Route("cycle.sign", "cycle.record_meeting"),
    "api-layer": Route(PUBLIC, "mapping.map_problems", params=layer),
    "api-layers": Route(PUBLIC, "mapping.map_problems"),
    "api-problem": Route(PUBLIC, "mapping.map_problems", params=problem),
    "api-problem-status": Route(None, "mapping.verify_problems", params=problem),
    "api-problems": Route(PUBLIC, "mapping.map_problems"),
    "api-rt-profile": Route(PUBLIC, "mapping.map_problems", params=rt_profile_year),
    "api-rt-profiles": Route(PUBLIC, None),
    "api-slum-criteria": Route(PUBLIC, None),
    "api-slum-scores": Route(PUBLIC, None),
    "api-survey-import": Route("cycle.record_meeting", None, params=batch),
    "api-survey-imports": Route("cycle.record_meeting", "cycle.record_meeting"),
    "api-village-map": Route(PUBLIC, None),
    "mapping:home": Route("mapping.view_map", "mapping.view_map"),
    "mapping:household": Route(
        "mapping.view_households", "mapping.view_households", params=household
    ),
    "mapping:household_create": Route("mapping.import_surveys", "mapping.import_surveys"),
    "mapping:household_delete": Route(None, "mapping.import_surveys", params=household),
    "mapping:household_edit": Route(
        "mapping.import_surveys", "mapping.import_surveys", params=household
    ),
    "mapping:household_export": Route("mapping.view_households", "mapping.view_households"),
    "mapping:household_list": Route("mapping.view_households", "mapping.view_households"),
    "mapping:households": Route("mapping.view_map", "mapping.view_map"),
    "mapping:households_rt": Route("mapping.view_map", "mapping.view_map", params=rt),
    "mapping:layer": Route("mapping.view_map", "mapping.view_map", params=layer),
    "mapping:layer_action": Route(None, "mapping.view_problem_photos", params=layer),
    "mapping:layer_export": Route("mapping.view_map", "mapping.view_map", params=layer_export),
    "mapping:layer_import": Route("mapping.map_problems", "mapping.map_problems"),
    "mapping:layers": Route("mapping.view_map", "mapping.view_map"),
    "mapping:poor_map": Route("mapping.view_households", "mapping.view_households"),
    "mapping:problem": Route("mapping.view_map", "mapping.view_map", params=problem),
    "mapping:problem_action": Route(
        None, any_of("mapping.map_problems", "mapping.verify_problems"), params=problem
    ),
    "mapping:problem_create": Route("mapping.map_problems", "mapping.map_problems"),
    "mapping:problem_edit": Route("mapping.map_problems", "mapping.map_problems", params=problem),
    "mapping:problem_photo": Route(
        "mapping.view_problem_photos", "mapping.view_problem_photos", params=problem_photo
    ),
    "mapping:problems": Route("mapping.view_map", "mapping.view_map"),
    "mapping:problems_export": Route("mapping.view_map", "mapping.view_map", params=csv),
    "mapping:problems_import": Route("mapping.map_problems", "mapping.map_problems"),
    "mapping:quarantine": Route("mapping.import_surveys", "mapping.import_surveys", params=batch),
    "mapping:rt_profile_edit": Route(
        "mapping.map_problems", "mapping.map_problems", params=rt_profile
    ),
    "mapping:rt_slum": Route("mapping.view_map", "mapping.view_map", params=rt_profile),
    "mapping:slum": Route("mapping.view_map", "mapping.view_map"),
    "mapping:slum_import": Route("mapping.map_problems", "mapping.map_problems"),
    "mapping:slum_template": Route("mapping.view_map", "mapping.view_map", params=xlsx),
    "mapping:survey_batch": Route("mapping.import_surveys", "mapping.import_surveys", params=batch),
    "mapping:surveys": Route("mapping.import_surveys", "mapping.import_surveys"),
    "mapping:village_map": Route("mapping.view_map", "mapping.view_map"),
    "mapping:xlsform": Route("mapping.import_surveys", "mapping.import_surveys", params=xlsform),
}
