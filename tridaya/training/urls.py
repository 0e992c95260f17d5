"""Pages of the training app.

`urlpatterns`: the pages of a region under /wilayah/<code>/pelatihan/ (the region code comes from
the including pattern), namespace "training". `public_patterns`: the public pages outside a region,
the curricula (/pelatihan/kurikulum/...) and the certificate check (/sertifikat/...), namespace
"training_public"; tridaya/urls.py includes both."""

from django.urls import path

from tridaya.training.views import (
    certificates,
    curriculum,
    follow_ups,
    participants,
    results,
    sessions,
    trainings,
)

app_name = "training"
urlpatterns = [
    path("", trainings.index, name="index"),
    path("kapasitas/", participants.capacity_map, name="capacity"),
    path("rekap.xlsx", trainings.rollup_xlsx, name="rollup_xlsx"),
    path("baru/", trainings.training_create, name="create"),
    path("<int:pk>/", trainings.detail, name="detail"),
    path("<int:pk>/ubah/", trainings.training_edit, name="edit"),
    path("<int:pk>/tindakan/", trainings.training_action, name="action"),
    path("<int:pk>/sesi/", sessions.sessions, name="sessions"),
    path("<int:pk>/sesi/<int:session_id>/ubah/", sessions.session_edit, name="session_edit"),
    path("<int:pk>/sesi/<int:session_id>/kehadiran/", sessions.attendance, name="attendance"),
    path(
        "<int:pk>/sesi/<int:session_id>/daftar-hadir.pdf",
        sessions.attendance_sheet,
        name="attendance_sheet",
    ),
    path("<int:pk>/peserta/", participants.participants, name="participants"),
    path("<int:pk>/nilai/", results.scores, name="scores"),
    path("<int:pk>/nilai/modul/<slug:module_code>/", results.score_entry, name="score_entry"),
    path(
        "<int:pk>/nilai/peserta/<int:participant_id>/<slug:kind>/",
        results.answers_entry,
        name="answers",
    ),
    path("<int:pk>/soal-<slug:kind>.pdf", results.test_form, name="test_form"),
    path("<int:pk>/kunci-jawaban.pdf", results.answer_key, name="answer_key"),
    path("<int:pk>/hasil.xlsx", trainings.training_xlsx, name="xlsx"),
    path("<int:pk>/rktl/", follow_ups.follow_ups, name="follow_ups"),
    path("<int:pk>/rktl/<int:follow_up_id>/", follow_ups.follow_up_edit, name="follow_up_edit"),
    path("<int:pk>/sertifikat/", certificates.certificates, name="certificates"),
    path(
        "<int:pk>/sertifikat/<int:certificate_id>.pdf",
        certificates.certificate_pdf,
        name="certificate_pdf",
    ),
]

public_patterns = (
    [
        path("pelatihan/kurikulum/", curriculum.curricula, name="curricula"),
        path("pelatihan/kurikulum/<slug:code>/", curriculum.curriculum, name="curriculum"),
        path(
            "pelatihan/kurikulum/<slug:code>/v<int:version>/",
            curriculum.curriculum,
            name="curriculum_version",
        ),
        path(
            "pelatihan/kurikulum/<slug:code>/v<int:version>/<slug:module_code>/",
            curriculum.module,
            name="module",
        ),
        path("sertifikat/", certificates.verify, name="verify"),
        path("sertifikat/<str:code>/", certificates.verify_code, name="verify_code"),
    ],
    "training_public",
)
