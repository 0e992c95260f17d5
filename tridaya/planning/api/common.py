"""What every planning endpoint shares: the base view (a selector's NotFound answers 404) and
serializer fields for choices."""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.views import APIView

from tridaya.core.errors import NotFound


class PlanningAPIView(APIView):
    """An APIView whose selectors' `NotFound` (nothing to show at this address) answers 404 like
    a page, instead of the 400 of a refused operation."""

    def handle_exception(self, exc):
        if isinstance(exc, NotFound):
            exc = Http404(str(exc.messages[0]) if exc.messages else "")
        return super().handle_exception(exc)


@extend_schema_field(OpenApiTypes.STR)
class TextChoiceField(serializers.ChoiceField):
    """A choice field documented as a plain string with its values in the description, so its
    enum does not collide with other apps' fields of the same name ("status", "kind", ...)."""

    def __init__(self, choices, **kwargs):
        values = ", ".join(str(value) for value, _label in choices if value != "")
        kwargs.setdefault("help_text", values)
        super().__init__(choices, **kwargs)


def text(choices, **kwargs) -> serializers.CharField:
    """A read-only output string whose description lists the values it takes."""
    values = ", ".join(str(value) for value, _label in choices)
    return serializers.CharField(read_only=True, help_text=values, **kwargs)
