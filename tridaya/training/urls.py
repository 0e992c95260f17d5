"""Pages under /wilayah/<code>/pelatihan/ (the region code comes from the including pattern)."""

from django.urls import path

from tridaya.training import views

app_name = "training"
urlpatterns = [
    path("", views.index, name="index"),
    path("kapasitas/", views.capacity_map, name="capacity"),
    path("rekap.xlsx", views.rollup_xlsx, name="rollup_xlsx"),
    path("baru/", views.training_create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ubah/", views.training_edit, name="edit"),
    path("<int:pk>/tindakan/", views.training_action, name="action"),
    path("<int:pk>/sesi/", views.sessions, name="sessions"),
    path("<int:pk>/sesi/<int:session_id>/ubah/", views.session_edit, name="session_edit"),
    path("<int:pk>/sesi/<int:session_id>/kehadiran/", views.attendance, name="attendance"),
    path(
        "<int:pk>/sesi/<int:session_id>/daftar-hadir.pdf",
        views.attendance_sheet,
        name="attendance_sheet",
    ),
    path("<int:pk>/peserta/", views.participants, name="participants"),
    path("<int:pk>/nilai/", views.scores, name="scores"),
    path("<int:pk>/nilai/modul/<slug:module_code>/", views.score_entry, name="score_entry"),
    path(
        "<int:pk>/nilai/peserta/<int:participant_id>/<slug:kind>/",
        views.answers_entry,
        name="answers",
    ),
    path("<int:pk>/soal-<slug:kind>.pdf", views.test_form, name="test_form"),
    path("<int:pk>/kunci-jawaban.pdf", views.answer_key, name="answer_key"),
    path("<int:pk>/hasil.xlsx", views.training_xlsx, name="xlsx"),
    path("<int:pk>/rktl/", views.follow_ups, name="follow_ups"),
    path("<int:pk>/rktl/<int:follow_up_id>/", views.follow_up_edit, name="follow_up_edit"),
    path("<int:pk>/sertifikat/", views.certificates, name="certificates"),
    path(
        "<int:pk>/sertifikat/<int:certificate_id>.pdf",
        views.certificate_pdf,
        name="certificate_pdf",
    ),
]
