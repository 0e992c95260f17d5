from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from tridaya.core import health
from tridaya.core import views as core_views
from tridaya.core.uploads.serving import serve_upload
from tridaya.regions import views as region_views
from tridaya.training import urls as training_urls

# A path no route matches: JSON under /api/, the HTML page elsewhere.
handler404 = "tridaya.core.views.page_not_found"

admin.site.site_header = "Tridaya"
admin.site.site_title = "Tridaya"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("", region_views.home, name="home"),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", RedirectView.as_view(url=settings.STATIC_URL + "favicon.svg")),
    # Every stored upload, after its owning app's rule (core.uploads.serving); no /media/.
    path("berkas/<path:name>", serve_upload, name="upload_file"),
    path("siklus/", core_views.cycle_guide, name="cycle_guide"),
    path("tugas/<int:pk>/", core_views.job_detail, name="job_detail"),
    path(
        "riwayat/<str:object_type>/<str:object_id>/", core_views.object_audit, name="object_audit"
    ),
    path("wilayah/<str:code>/pemetaan/", include("tridaya.mapping.urls")),
    path("wilayah/<str:code>/perencanaan/", include("tridaya.planning.urls")),
    path("wilayah/<str:code>/pemasaran/", include("tridaya.marketing.urls")),
    path("wilayah/<str:code>/pelatihan/", include("tridaya.training.urls")),
    path("wilayah/<str:code>/keuangan/", include("tridaya.finance.urls")),
    path("wilayah/<str:code>/pembangunan/", include("tridaya.works.urls")),
    path("", include("tridaya.dashboards.urls")),
    path("", include("tridaya.oversight.urls")),
    path("wilayah/<str:code>/", include("tridaya.cycle.urls")),
    path("wilayah/<str:code>/lembaga/", include("tridaya.institutions.urls")),
    path("wilayah/", include("tridaya.regions.urls")),
    path("", include(training_urls.public_patterns)),
    path("akun/", include("tridaya.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("tridaya.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file (no inline script for the CSP).
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]
