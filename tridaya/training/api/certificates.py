"""Certificates in the API: closing a training (which issues them), the public check of a
verification code, and revoking one (training.revoke_certificate)."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from tridaya.core.policy import authorize
from tridaya.training.api.trainings import TrainingAPI, TrainingReasonInput
from tridaya.training.models import (
    Certificate,
)
from tridaya.training.policy import (
    MANAGE,
    REVOKE_CERTIFICATE,
)
from tridaya.training.selectors.certificates import certificate_by_code
from tridaya.training.services.certificates import certificate_revoke, training_close


class TrainingCloseOutput(serializers.Serializer):
    issued = serializers.ListField(child=serializers.CharField())
    revoked = serializers.ListField(child=serializers.CharField())
    kept = serializers.IntegerField()


class TrainingCertificateOutput(serializers.ModelSerializer):
    status = serializers.SerializerMethodField()
    training = serializers.CharField(source="participant.training.title")
    region = serializers.CharField(source="participant.training.region_id")
    starts_on = serializers.DateField(source="participant.training.starts_on")
    ends_on = serializers.DateField(source="participant.training.ends_on")

    class Meta:
        model = Certificate
        fields = [
            "number",
            "status",
            "holder_name",
            "training",
            "region",
            "starts_on",
            "ends_on",
            "issued_on",
            "modules",
            "revoked_at",
            "revoke_reason",
        ]

    def get_status(self, certificate) -> str:
        return "valid" if certificate.is_valid else "revoked"


class CloseAPI(TrainingAPI):
    @extend_schema(request=None, responses=TrainingCloseOutput)
    def post(self, request, pk: int):
        training = self.training(pk)
        self.check(MANAGE, training)
        report = training_close(actor=request.user, training=training)
        return Response(
            {
                "issued": [c.number for c in report.issued],
                "revoked": [c.number for c in report.revoked],
                "kept": report.kept,
            }
        )


class CertificateVerifyAPI(APIView):
    """GET: is this verification code a valid certificate? 404 for an unknown code."""

    @extend_schema(responses=TrainingCertificateOutput)
    def get(self, request, code: str):
        certificate = certificate_by_code(code)
        if certificate is None:
            raise Http404
        return Response(TrainingCertificateOutput(certificate).data)


class CertificateRevokeAPI(APIView):
    @extend_schema(request=TrainingReasonInput, responses=TrainingCertificateOutput)
    def post(self, request, code: str):
        if not request.user.is_authenticated:
            self.permission_denied(request)
        certificate = certificate_by_code(code)
        if certificate is None:
            raise Http404
        authorize(request.user, REVOKE_CERTIFICATE, certificate)
        data = TrainingReasonInput(data=request.data)
        data.is_valid(raise_exception=True)
        certificate = certificate_revoke(
            actor=request.user, certificate=certificate, reason=data.validated_data["reason"]
        )
        return Response(TrainingCertificateOutput(certificate).data)
