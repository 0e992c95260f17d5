"""Reads of pemetaan swadaya, one module per sub-domain. A selector that finds nothing raises
`tridaya.core.errors.NotFound` (pages and the API turn it into 404), never Http404."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from tridaya.core.errors import NotFound

M = TypeVar("M", bound=Model)


def one_of(queryset: QuerySet[M], **lookup: Any) -> M:
    """The one row of `queryset` matching `lookup`, or NotFound."""
    try:
        return queryset.get(**lookup)
    except ObjectDoesNotExist:
        raise NotFound(
            _("%(what)s tidak ditemukan.") % {"what": queryset.model._meta.verbose_name}
        ) from None
