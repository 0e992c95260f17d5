"""/api/v1/ routes of the training app (included by tridaya/api_urls.py)."""

from django.urls import path

from tridaya.training.api import (
    certificates,
    curriculum,
    follow_ups,
    participants,
    results,
    sessions,
    trainings,
)

urlpatterns = [
    path("curricula/", curriculum.CurriculaAPI.as_view(), name="api-curricula"),
    path(
        "regions/<str:code>/trainings/",
        trainings.RegionTrainingsAPI.as_view(),
        name="api-region-trainings",
    ),
    path(
        "regions/<str:code>/training-summary/",
        trainings.RollupAPI.as_view(),
        name="api-training-summary",
    ),
    path(
        "villages/<str:code>/capacity/",
        participants.CapacityAPI.as_view(),
        name="api-village-capacity",
    ),
    path("trainings/<int:pk>/", trainings.TrainingDetailAPI.as_view(), name="api-training"),
    path(
        "trainings/<int:pk>/sessions/",
        sessions.SessionCreateAPI.as_view(),
        name="api-training-sessions",
    ),
    path(
        "trainings/<int:pk>/sessions/<int:session_id>/attendance/",
        sessions.AttendanceAPI.as_view(),
        name="api-training-attendance",
    ),
    path(
        "trainings/<int:pk>/participants/",
        participants.ParticipantCreateAPI.as_view(),
        name="api-training-participants",
    ),
    path(
        "trainings/<int:pk>/participants/<int:participant_id>/",
        participants.ParticipantDeleteAPI.as_view(),
        name="api-training-participant",
    ),
    path(
        "trainings/<int:pk>/scores/",
        results.ScoresAPI.as_view(),
        name="api-training-scores",
    ),
    path(
        "trainings/<int:pk>/results/",
        results.ResultsAPI.as_view(),
        name="api-training-results",
    ),
    path("trainings/<int:pk>/close/", certificates.CloseAPI.as_view(), name="api-training-close"),
    path("trainings/<int:pk>/reopen/", trainings.ReopenAPI.as_view(), name="api-training-reopen"),
    path("trainings/<int:pk>/cancel/", trainings.CancelAPI.as_view(), name="api-training-cancel"),
    path(
        "trainings/<int:pk>/follow-ups/",
        follow_ups.FollowUpsAPI.as_view(),
        name="api-training-follow-ups",
    ),
    path(
        "trainings/<int:pk>/follow-ups/<int:follow_up_id>/",
        follow_ups.FollowUpAPI.as_view(),
        name="api-training-follow-up",
    ),
    path(
        "certificates/<str:code>/",
        certificates.CertificateVerifyAPI.as_view(),
        name="api-certificate",
    ),
    path(
        "certificates/<str:code>/revoke/",
        certificates.CertificateRevokeAPI.as_view(),
        name="api-certificate-revoke",
    ),
]
