"""Model fields shared by the apps.

`BoundedTextField`: free text a person types (notes, reasons, descriptions, plan chapters) with
a maximum length that fits its use (`TEXT_*`). Model validation (`full_clean`, which every
service runs before saving) refuses a longer text with an Indonesian message that names the
field and the limit, and a form built from the model gets the same limit (and the browser's
`maxlength`). A 216,000-character agenda is no longer saved (issue 11, item 11)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _

# Limits by use, in characters.
TEXT_SHORT = 1000  # a one-paragraph answer: a question, an activity, a condition
TEXT_NOTE = 2000  # notes, reasons, descriptions
TEXT_LONG = 5000  # a page: a complaint, an audit finding, a plan's mission or rules
TEXT_CHAPTER = 10000  # a chapter of a plan document (concept, safeguards plan)


def too_long_message(label: Any, limit: int, count: int) -> str:
    return _(
        "%(field)s terlalu panjang: %(count)s huruf, paling banyak %(limit)s huruf. "
        "Persingkat isinya."
    ) % {"field": capfirst(str(label)), "count": f"{count:,}".replace(",", "."), "limit": limit}


@deconstructible
class TextLimitValidator(MaxLengthValidator):
    """MaxLengthValidator whose message names the field (its verbose name) and the limit."""

    def __init__(self, limit: int, label: Any = "") -> None:
        super().__init__(limit)
        self.label = label

    def __call__(self, value: Any) -> None:
        count = self.clean(value)
        if self.compare(count, self.limit_value):
            raise ValidationError(
                too_long_message(self.label or _("Isian"), self.limit_value, count),
                code="max_length",
                params={"limit_value": self.limit_value, "show_value": count},
            )

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, TextLimitValidator)
            and self.limit_value == other.limit_value
            and str(self.label) == str(other.label)
        )

    def __hash__(self) -> int:
        return hash((self.limit_value, str(self.label)))


class BoundedTextField(models.TextField):
    """A TextField with a required `max_length`, enforced by model validation and model forms
    with a message naming the field and the limit."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if not kwargs.get("max_length"):
            raise TypeError("BoundedTextField needs max_length")
        super().__init__(*args, **kwargs)

    @property
    def limit(self) -> int:
        return int(self.max_length or 0)

    @cached_property
    def validators(self) -> list:
        return [*super().validators, TextLimitValidator(self.limit, self.verbose_name)]

    def formfield(self, **kwargs: Any) -> Any:
        field = super().formfield(**kwargs)
        if isinstance(field, forms.CharField):
            field.validators = [
                v for v in field.validators if not isinstance(v, MaxLengthValidator)
            ] + [TextLimitValidator(self.limit, self.verbose_name)]
        return field
