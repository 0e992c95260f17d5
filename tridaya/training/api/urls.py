"""/api/v1/ endpoints of training: curricula, trainings, capacity maps, roll-ups and certificate
checks. Included by `tridaya/api_urls.py`; the URL names are global (no namespace), as the API
schema and the tests know them."""

from django.urls import path

from tridaya.training import api as training_api

urlpatterns = [
    path("curricula/", training_api.CurriculaAPI.as_view(), name="api-curricula"),
    path(
        "regions/<str:code>/trainings/",
        training_api.RegionTrainingsAPI.as_view(),
        name="api-region-trainings",
    ),
    path(
        "regions/<str:code>/training-summary/",
        training_api.RollupAPI.as_view(),
        name="api-training-summary",
    ),
    path(
        "villages/<str:code>/capacity/",
        training_api.CapacityAPI.as_view(),
        name="api-village-capacity",
    ),
    path("trainings/<int:pk>/", training_api.TrainingDetailAPI.as_view(), name="api-training"),
    path(
        "trainings/<int:pk>/sessions/",
        training_api.SessionCreateAPI.as_view(),
        name="api-training-sessions",
    ),
    path(
        "trainings/<int:pk>/sessions/<int:session_id>/attendance/",
        training_api.AttendanceAPI.as_view(),
        name="api-training-attendance",
    ),
    path(
        "trainings/<int:pk>/participants/",
        training_api.ParticipantCreateAPI.as_view(),
        name="api-training-participants",
    ),
    path(
        "trainings/<int:pk>/participants/<int:participant_id>/",
        training_api.ParticipantDeleteAPI.as_view(),
        name="api-training-participant",
    ),
    path(
        "trainings/<int:pk>/scores/",
        training_api.ScoresAPI.as_view(),
        name="api-training-scores",
    ),
    path(
        "trainings/<int:pk>/results/",
        training_api.ResultsAPI.as_view(),
        name="api-training-results",
    ),
    path("trainings/<int:pk>/close/", training_api.CloseAPI.as_view(), name="api-training-close"),
    path(
        "trainings/<int:pk>/reopen/", training_api.ReopenAPI.as_view(), name="api-training-reopen"
    ),
    path(
        "trainings/<int:pk>/cancel/", training_api.CancelAPI.as_view(), name="api-training-cancel"
    ),
    path(
        "trainings/<int:pk>/follow-ups/",
        training_api.FollowUpsAPI.as_view(),
        name="api-training-follow-ups",
    ),
    path(
        "trainings/<int:pk>/follow-ups/<int:follow_up_id>/",
        training_api.FollowUpAPI.as_view(),
        name="api-training-follow-up",
    ),
    path(
        "certificates/<str:code>/",
        training_api.CertificateVerifyAPI.as_view(),
        name="api-certificate",
    ),
    path(
        "certificates/<str:code>/revoke/",
        training_api.CertificateRevokeAPI.as_view(),
        name="api-certificate-revoke",
    ),
]
