"""Pages of planning under /wilayah/<code>/perencanaan/: prioritisation rounds, kawasan prioritas,
RPLP and RTPLP plans with their versions and activities, and price lists (HSPK, under a regency's
or province's code)."""

from django.urls import path

from tridaya.planning.views import kawasan, plans, price_lists, priorities, rab, versions

app_name = "planning"

V = "rencana/<int:plan_id>/v<int:number>/"

urlpatterns = [
    # Prioritisation rounds
    path("prioritas/", priorities.rounds, name="rounds"),
    path("prioritas/<int:pk>/", priorities.round_detail, name="round"),
    path("prioritas/<int:pk>/ubah/", priorities.round_edit, name="round_edit"),
    path("prioritas/<int:pk>/pilihan/", priorities.round_options, name="round_options"),
    path("prioritas/<int:pk>/nilai/", priorities.round_scores, name="round_scores"),
    path("prioritas/<int:pk>/suara/", priorities.round_ballot, name="round_ballot"),
    path("prioritas/<int:pk>/tindakan/", priorities.round_action, name="round_action"),
    # Kawasan prioritas
    path("kawasan/", kawasan.areas, name="areas"),
    path("kawasan/baru/", kawasan.area_form, name="area_new"),
    path("kawasan/impor/", kawasan.area_import, name="area_import"),
    path("kawasan/turunan/", kawasan.area_derive, name="area_derive"),
    path("kawasan/<int:pk>/", kawasan.area_detail, name="area"),
    path("kawasan/<int:pk>/ubah/", kawasan.area_form, name="area_edit"),
    path("kawasan/<int:pk>/tindakan/", kawasan.area_action, name="area_action"),
    # RPLP and RTPLP
    path("rencana/", plans.plan_list, name="plans"),
    path("rencana/<int:plan_id>/", plans.plan_newest, name="plan"),
    path("rencana/<int:plan_id>/beda/", versions.version_compare, name="compare"),
    path(V, plans.version_detail, name="version"),
    path(V + "ubah/", plans.version_edit, name="version_edit"),
    path(V + "tindakan/", versions.version_action, name="version_action"),
    path(V + "program/tambah/", plans.program_form, name="program_new"),
    path(V + "program/<int:program_id>/ubah/", plans.program_form, name="program_edit"),
    path(V + "investasi/tambah/", plans.row_form, name="row_new"),
    path(V + "investasi/<int:row_id>/ubah/", plans.row_form, name="row_edit"),
    path(V + "kegiatan/tambah/", rab.activity_form, name="activity_new"),
    path(V + "kegiatan/<int:activity_id>/", rab.activity_detail, name="activity"),
    path(V + "kegiatan/<int:activity_id>/ubah/", rab.activity_form, name="activity_edit"),
    path(V + "kegiatan/<int:activity_id>/tindakan/", rab.activity_action, name="activity_action"),
    path(V + "pengaman/", plans.safeguards_form, name="safeguards"),
    path(V + "dokumen.<str:fmt>", plans.document, name="document"),
    path(V + "dokumen.<str:fmt>/susun/", plans.document_prepare, name="document_prepare"),
    path(V + "dokumen/<int:job_id>/", plans.document_job, name="document_job"),
    # Price lists (HSPK)
    path("harga/", price_lists.price_lists, name="price_lists"),
    path("harga/<int:list_id>/", price_lists.price_list_detail, name="price_list"),
    path("harga/<int:list_id>/<int:item_id>/", price_lists.price_item_detail, name="price_item"),
]
