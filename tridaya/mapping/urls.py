"""Pages of pemetaan swadaya under /wilayah/<code>/pemetaan/ (the village code comes from the
including pattern): households and surveys, problems and potentials, the village map, layers, and
RT profiles with slum scores."""

from django.urls import path

from tridaya.mapping.views import households, layers, problems, slum, surveys

app_name = "mapping"
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
    path("peta/", problems.village_map, name="village_map"),
    path("masalah/", problems.problems, name="problems"),
    path("masalah/tambah/", problems.problem_create, name="problem_create"),
    path("masalah/impor/", problems.problems_import, name="problems_import"),
    path("masalah/ekspor.<str:ext>", problems.problems_export, name="problems_export"),
    path("masalah/<int:pk>/", problems.problem_detail, name="problem"),
    path("masalah/<int:pk>/ubah/", problems.problem_edit, name="problem_edit"),
    path("masalah/<int:pk>/tindakan/", problems.problem_action, name="problem_action"),
    path("masalah/<int:pk>/foto/<int:photo_pk>/", problems.problem_photo, name="problem_photo"),
    path("lapisan/", layers.layers, name="layers"),
    path("lapisan/impor/", layers.layer_import, name="layer_import"),
    path("lapisan/<int:pk>/", layers.layer_detail, name="layer"),
    path("lapisan/<int:pk>/tindakan/", layers.layer_action, name="layer_action"),
    path("lapisan/<int:pk>/ekspor.<str:ext>", layers.layer_export, name="layer_export"),
    path("kumuh/", slum.slum, name="slum"),
    path("kumuh/templat.<str:ext>", slum.slum_template_file, name="slum_template"),
    path("kumuh/impor/", slum.slum_import, name="slum_import"),
    path("kumuh/rt/<int:rt_pk>/", slum.rt_slum, name="rt_slum"),
    path("kumuh/rt/<int:rt_pk>/ubah/", slum.rt_profile_edit, name="rt_profile_edit"),
]
