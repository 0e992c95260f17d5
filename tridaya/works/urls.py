from django.urls import path

from tridaya.works import views

app_name = "works"
urlpatterns = [
    path("", views.package_list, name="packages"),
    path("baru/", views.package_new, name="package_new"),
    path("aset-perlu-diperiksa/", views.assets_overdue, name="assets_overdue"),
    path("<int:package_id>/", views.package_detail, name="package"),
    path("<int:package_id>/progres/", views.entry_new, name="entry_new"),
    path(
        "<int:package_id>/progres/<int:entry_id>/<slug:step>/", views.entry_step, name="entry_step"
    ),
    path("<int:package_id>/laporan.xlsx", views.reports_file, name="reports_xlsx"),
    path("<int:package_id>/bast.<str:fmt>", views.bast_file, name="bast_file"),
]
