"""API plumbing shared by every app: Django's ValidationError becomes a 400 with messages."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from tridaya.core.errors import NotFound


def exception_handler(exc, context):
    if isinstance(exc, NotFound):  # a selector found nothing: 404 with its Indonesian message
        return Response({"detail": str(exc.message)}, status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, Http404):
        # get_object_or_404 says "No Step matches the given query." in English: never shown.
        return Response({"detail": _("Data tidak ditemukan.")}, status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail = {field: [str(m) for m in msgs] for field, msgs in exc.message_dict.items()}
        else:
            detail = {"non_field_errors": [str(m) for m in exc.messages]}
            # Callers branch on the code (e.g. "ksm_too_few_members"), never on the message.
            codes = [e.code for e in exc.error_list if e.code]
            if codes:
                detail["codes"] = codes
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)
