"""API plumbing shared by every app: Django's ValidationError becomes a 400 with messages."""

from typing import overload

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from tridaya.core.errors import NotFound
from tridaya.core.params import MAX_ID, parse_id, parse_int


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


@overload
def query_int(
    request, name: str, *, default: int, minimum: int = 0, maximum: int = MAX_ID
) -> int: ...
@overload
def query_int(
    request, name: str, *, default: None = None, minimum: int = 0, maximum: int = MAX_ID
) -> int | None: ...
def query_int(
    request, name: str, *, default: int | None = None, minimum: int = 0, maximum: int = MAX_ID
) -> int | None:
    """The query parameter `name` as an int (`default` when absent or empty); anything else is
    a 400 naming the parameter, never a filter silently ignored."""
    raw = request.query_params.get(name, "")
    if raw == "":
        return default
    number = parse_int(raw, minimum=minimum, maximum=maximum)
    if number is None:
        raise serializers.ValidationError(
            {
                name: [
                    _("Harus bilangan bulat dari %(min)d sampai %(max)d.")
                    % {"min": minimum, "max": maximum}
                ]
            }
        )
    return number


def query_ids(request, name: str) -> list[int]:
    """Every value of the repeated query parameter `name` as an id; a 400 for any that is not."""
    values = request.query_params.getlist(name)
    ids = [parse_id(value) for value in values]
    if any(found is None for found in ids):
        raise serializers.ValidationError({name: [_("Harus id (bilangan bulat positif).")]})
    return [found for found in ids if found is not None]


class IdField(serializers.IntegerField):
    """An id in a request body: 1 to the largest id a database stores (larger ones are a 400,
    not an overflow in the query)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


def query_choice(request, name: str, choices: list[str]) -> str:
    """The query parameter `name` when it is one of `choices` ("" when absent); a 400 listing the
    choices otherwise."""
    raw = request.query_params.get(name, "")
    if raw and raw not in choices:
        raise serializers.ValidationError(
            {name: [_("Pilih salah satu: %(choices)s.") % {"choices": ", ".join(choices)}]}
        )
    return raw


def body_dict(data) -> dict:
    """A request body as a plain dict: JSON as sent, a form body (a QueryDict, whose `dict(...)`
    would give lists) with one value per field."""
    return data.dict() if hasattr(data, "dict") else dict(data)
