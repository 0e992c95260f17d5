"""Pages of RPLP and RTPLP plans and of price lists (PART 2), under
/wilayah/<code>/perencanaan/ (the price lists under a regency's or province's code)."""

from django.urls import path

from tridaya.planning.views import plans

V = "rencana/<int:plan_id>/v<int:number>/"

urlpatterns = [
    path("rencana/", plans.plan_list, name="plans"),
    path("rencana/<int:plan_id>/", plans.plan_newest, name="plan"),
    path("rencana/<int:plan_id>/beda/", plans.version_compare, name="compare"),
    path(V, plans.version_detail, name="version"),
    path(V + "ubah/", plans.version_edit, name="version_edit"),
    path(V + "tindakan/", plans.version_action, name="version_action"),
    path(V + "program/tambah/", plans.program_form, name="program_new"),
    path(V + "program/<int:program_id>/ubah/", plans.program_form, name="program_edit"),
    path(V + "investasi/tambah/", plans.row_form, name="row_new"),
    path(V + "investasi/<int:row_id>/ubah/", plans.row_form, name="row_edit"),
    path(V + "kegiatan/tambah/", plans.activity_form, name="activity_new"),
    path(V + "kegiatan/<int:activity_id>/", plans.activity_detail, name="activity"),
    path(V + "kegiatan/<int:activity_id>/ubah/", plans.activity_form, name="activity_edit"),
    path(V + "kegiatan/<int:activity_id>/tindakan/", plans.activity_action, name="activity_action"),
    path(V + "pengaman/", plans.safeguards_form, name="safeguards"),
    path(V + "dokumen.<str:fmt>", plans.document, name="document"),
    path("harga/", plans.price_lists, name="price_lists"),
    path("harga/<int:list_id>/", plans.price_list_detail, name="price_list"),
    path("harga/<int:list_id>/<int:item_id>/", plans.price_item_detail, name="price_item"),
]
