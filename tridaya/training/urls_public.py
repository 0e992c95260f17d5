"""Public pages outside a region: the curricula (/pelatihan/kurikulum/...) and the
certificate check (/sertifikat/...)."""

from django.urls import path

from tridaya.training import views

app_name = "training_public"
urlpatterns = [
    path("pelatihan/kurikulum/", views.curricula, name="curricula"),
    path("pelatihan/kurikulum/<slug:code>/", views.curriculum, name="curriculum"),
    path(
        "pelatihan/kurikulum/<slug:code>/v<int:version>/",
        views.curriculum,
        name="curriculum_version",
    ),
    path(
        "pelatihan/kurikulum/<slug:code>/v<int:version>/<slug:module_code>/",
        views.module,
        name="module",
    ),
    path("sertifikat/", views.verify, name="verify"),
    path("sertifikat/<str:code>/", views.verify_code, name="verify_code"),
]
