"""Serializer fields shared by planning's endpoints (a selector's NotFound answers 404 through
tridaya.core.api.exception_handler)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


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
