"""/api/v1/ endpoints of the works (included by tridaya/api_urls.py; URL names are global)."""

from django.urls import path

from tridaya.works.api import assets, packages

PACKAGE = "villages/<str:code>/works/packages/<int:package_id>/"

urlpatterns = [
    path(
        "villages/<str:code>/works/packages/",
        packages.PackagesAPI.as_view(),
        name="api-works-packages",
    ),
    path(f"{PACKAGE}entries/", packages.EntriesAPI.as_view(), name="api-works-entries"),
    path(
        f"{PACKAGE}entries/<int:entry_id>/decision/",
        packages.DecisionAPI.as_view(),
        name="api-works-decision",
    ),
    path(f"{PACKAGE}schedule/", packages.ScheduleAPI.as_view(), name="api-works-schedule"),
    path(
        f"{PACKAGE}beneficiaries/",
        packages.BeneficiariesAPI.as_view(),
        name="api-works-beneficiaries",
    ),
    path(f"{PACKAGE}handover/", assets.HandoverAPI.as_view(), name="api-works-handover"),
    path(f"{PACKAGE}asset/", assets.AssetAPI.as_view(), name="api-works-asset"),
    path(f"{PACKAGE}asset/om-plans/", assets.PlanAPI.as_view(), name="api-works-om-plans"),
    path(f"{PACKAGE}asset/checks/", assets.CheckAPI.as_view(), name="api-works-checks"),
    path(
        f"{PACKAGE}asset/maintenance/",
        assets.MaintenanceAPI.as_view(),
        name="api-works-maintenance",
    ),
    path(f"{PACKAGE}asset/iuran/", assets.IuranAPI.as_view(), name="api-works-iuran"),
    path(f"{PACKAGE}handled/", assets.HandledAPI.as_view(), name="api-works-handled"),
]
