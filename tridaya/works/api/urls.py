"""/api/v1/ endpoints of the works (included by tridaya/api_urls.py; URL names are global)."""

from django.urls import path

from tridaya.works.api import views

urlpatterns = [
    path(
        "villages/<str:code>/works/packages/",
        views.PackagesAPI.as_view(),
        name="api-works-packages",
    ),
    path(
        "villages/<str:code>/works/packages/<int:package_id>/entries/",
        views.EntriesAPI.as_view(),
        name="api-works-entries",
    ),
    path(
        "villages/<str:code>/works/packages/<int:package_id>/entries/<int:entry_id>/decision/",
        views.DecisionAPI.as_view(),
        name="api-works-decision",
    ),
]
