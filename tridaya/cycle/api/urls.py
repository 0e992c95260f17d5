"""/api/v1/ endpoints of cycle: the PLPBK cycle of a village: steps, sign-offs, gate overrides,
meetings. Included by `tridaya/api_urls.py`; the URL names are global (no namespace), as the API
schema and the tests know them."""

from django.urls import path

from tridaya.cycle.api import views as cycle_api

urlpatterns = [
    path("villages/<str:code>/cycle/", cycle_api.VillageCycleAPI.as_view(), name="api-cycle"),
    path(
        "villages/<str:code>/cycle/steps/<slug:step_code>/",
        cycle_api.StepAPI.as_view(),
        name="api-step",
    ),
    path(
        "villages/<str:code>/cycle/steps/<slug:step_code>/signoffs/",
        cycle_api.SignStepAPI.as_view(),
        name="api-step-sign",
    ),
    path(
        "villages/<str:code>/cycle/steps/<slug:step_code>/signoffs/<int:signoff_id>/withdraw/",
        cycle_api.WithdrawSignOffAPI.as_view(),
        name="api-signoff-withdraw",
    ),
    path(
        "villages/<str:code>/cycle/steps/<slug:step_code>/override/",
        cycle_api.OverrideGateAPI.as_view(),
        name="api-step-override",
    ),
    path(
        "villages/<str:code>/cycle/steps/<slug:step_code>/complete/",
        cycle_api.CompleteStepAPI.as_view(),
        name="api-step-complete",
    ),
    path("villages/<str:code>/meetings/", cycle_api.MeetingListAPI.as_view(), name="api-meetings"),
    path(
        "villages/<str:code>/meetings/<int:meeting_id>/",
        cycle_api.MeetingDetailAPI.as_view(),
        name="api-meeting",
    ),
]
