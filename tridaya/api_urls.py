"""/api/v1/: each app's REST endpoints, from its own `api/urls.py`, in dependency order."""

from django.urls import include, path

urlpatterns = [
    path("", include("tridaya.accounts.api.urls")),
    path("", include("tridaya.regions.api.urls")),
    path("", include("tridaya.institutions.api.urls")),
    path("", include("tridaya.cycle.api.urls")),
    path("", include("tridaya.training.api.urls")),
    path("", include("tridaya.mapping.api.urls")),
    path("", include("tridaya.planning.api.urls")),
    path("", include("tridaya.marketing.api.urls")),
    path("", include("tridaya.finance.api.urls")),
    path("", include("tridaya.works.api.urls")),
    path("", include("tridaya.dashboards.api.urls")),
]
