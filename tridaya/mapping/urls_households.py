"""Pages of households and surveys under /wilayah/<code>/pemetaan/ (the village code comes from
the including pattern)."""

from django.urls import path

from tridaya.mapping.views import households, surveys

urlpatterns = [
    path("", households.home, name="home"),
    path("kk/", households.households, name="households"),
    path("kk/rt/<int:rt_id>/", households.rt_households, name="households_rt"),
    path("kk/daftar/", households.household_list, name="household_list"),
    path("kk/peta/", households.poor_map, name="poor_map"),
    path("kk/ekspor.csv", households.household_export, name="household_export"),
    path("kk/tambah/", households.household_create, name="household_create"),
    path("kk/<int:pk>/", households.household_detail, name="household"),
    path("kk/<int:pk>/ubah/", households.household_edit, name="household_edit"),
    path("kk/<int:pk>/hapus/", households.household_delete, name="household_delete"),
    path("survei/", surveys.surveys, name="surveys"),
    path("survei/formulir/<str:form>.xlsx", surveys.xlsform_download, name="xlsform"),
    path("survei/impor/<int:pk>/", surveys.survey_batch, name="survey_batch"),
    path("survei/impor/<int:pk>/karantina.csv", surveys.quarantine_download, name="quarantine"),
]
