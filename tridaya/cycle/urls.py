from django.urls import path

from tridaya.cycle import views

app_name = "cycle"
urlpatterns = [
    path("siklus/", views.timeline, name="timeline"),
    path("siklus/<slug:step_code>/", views.step_detail, name="step"),
    path("siklus/<slug:step_code>/tindakan/", views.step_action, name="step_action"),
    path("siklus-desa/", views.villages_in_region, name="region_cycles"),
    path("rapat/", views.meetings, name="meetings"),
    path("rapat/baru/", views.meeting_form, name="meeting_new"),
    path("rapat/cari-warga/", views.register_search, name="register_search"),
    path("rapat/<int:meeting_id>/", views.meeting_detail, name="meeting"),
    path("rapat/<int:meeting_id>/ubah/", views.meeting_form, name="meeting_edit"),
    path("rapat/<int:meeting_id>/tindakan/", views.meeting_action, name="meeting_action"),
    path("rapat/<int:meeting_id>/berita-acara.<str:fmt>", views.berita_acara, name="berita_acara"),
    path(
        "rapat/<int:meeting_id>/daftar-hadir.pdf", views.attendance_sheet, name="attendance_sheet"
    ),
]
