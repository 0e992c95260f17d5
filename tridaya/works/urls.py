from django.urls import path

from tridaya.works.views import assets, packages, progress

app_name = "works"
urlpatterns = [
    path("", packages.package_list, name="packages"),
    path("baru/", packages.package_new, name="package_new"),
    path("aset-perlu-diperiksa/", packages.assets_overdue, name="assets_overdue"),
    path("formulir-progres.xlsx", progress.progress_form_file, name="progress_form"),
    path("impor-progres/", progress.progress_import, name="progress_import"),
    path("<int:package_id>/", packages.package_detail, name="package"),
    path("<int:package_id>/progres/", packages.entry_new, name="entry_new"),
    path(
        "<int:package_id>/progres/<int:entry_id>/<slug:step>/",
        packages.entry_step,
        name="entry_step",
    ),
    path("<int:package_id>/jadwal/", packages.schedule, name="schedule"),
    path("<int:package_id>/penerima-manfaat/", packages.beneficiaries, name="beneficiaries"),
    path("<int:package_id>/serah-terima/", assets.handover, name="handover"),
    path("<int:package_id>/aset/", assets.asset_page, name="asset"),
    path("<int:package_id>/aset/<slug:step>/", assets.asset_step, name="asset_step"),
    path("<int:package_id>/volume-tertangani/", assets.handled, name="handled"),
    path("<int:package_id>/laporan.xlsx", packages.reports_file, name="reports_xlsx"),
    path("<int:package_id>/bast.<str:fmt>", packages.bast_file, name="bast_file"),
]
