"""Pages of prioritisation and kawasan prioritas (PART 1), under /wilayah/<code>/perencanaan/."""

from django.urls import path

from tridaya.planning.views import kawasan, priorities

urlpatterns = [
    path("prioritas/", priorities.rounds, name="rounds"),
    path("prioritas/<int:pk>/", priorities.round_detail, name="round"),
    path("prioritas/<int:pk>/ubah/", priorities.round_edit, name="round_edit"),
    path("prioritas/<int:pk>/pilihan/", priorities.round_options, name="round_options"),
    path("prioritas/<int:pk>/nilai/", priorities.round_scores, name="round_scores"),
    path("prioritas/<int:pk>/suara/", priorities.round_ballot, name="round_ballot"),
    path("prioritas/<int:pk>/tindakan/", priorities.round_action, name="round_action"),
    path("kawasan/", kawasan.areas, name="areas"),
    path("kawasan/baru/", kawasan.area_form, name="area_new"),
    path("kawasan/impor/", kawasan.area_import, name="area_import"),
    path("kawasan/turunan/", kawasan.area_derive, name="area_derive"),
    path("kawasan/<int:pk>/", kawasan.area_detail, name="area"),
    path("kawasan/<int:pk>/ubah/", kawasan.area_form, name="area_edit"),
    path("kawasan/<int:pk>/tindakan/", kawasan.area_action, name="area_action"),
]
