"""What a complaint may be linked to (type + id), each looked up through the owning app's
selectors so that a link never points outside the complaint's village."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from tridaya.core.errors import NotFound
from tridaya.oversight.errors import OversightError, refuse
from tridaya.oversight.models import LinkType
from tridaya.regions.models import Region


def _package(village: Region, pk: int) -> Any:
    from tridaya.works.selectors import package_of

    return package_of(village, pk)


def _ksm(village: Region, pk: int) -> Any:
    from tridaya.institutions.selectors import ksms_of

    for ksm in ksms_of(village):
        if ksm.pk == pk:
            return ksm
    raise NotFound("ksm")


def _voucher(village: Region, pk: int) -> Any:
    from tridaya.finance.selectors.lookups import voucher_in_village

    return voucher_in_village(village.code, pk)


def _plan_version(village: Region, pk: int) -> Any:
    from tridaya.planning.selectors.plans import version_in_village

    return version_in_village(village.code, pk)


def _step(village: Region, pk: int) -> Any:
    from tridaya.cycle.selectors import step_in_village

    return step_in_village(village.code, pk)


LOOKUPS: dict[LinkType, Callable[[Region, int], Any]] = {
    LinkType.PACKAGE: _package,
    LinkType.KSM: _ksm,
    LinkType.VOUCHER: _voucher,
    LinkType.PLAN_VERSION: _plan_version,
    LinkType.STEP: _step,
}


def link_name(link_type: LinkType, obj: Any) -> str:
    if link_type == LinkType.STEP:
        return f"{obj.stage_title}: {obj.title}"
    return str(getattr(obj, "name", "") or obj)


def linked(village: Region, link_type: str, link_id: int | None) -> Any | None:
    """The linked object (read through its owner's selector), or None when it is gone."""
    if not link_type or link_id is None or link_type not in LinkType.values:
        return None
    try:
        return LOOKUPS[LinkType(link_type)](village, link_id)
    except NotFound:
        return None


def link_label(village: Region, link_type: str, link_id: int | None) -> str:
    """The linked object's name, or a DomainError naming the field to fix."""
    if not link_type:
        return ""
    if link_id is None:
        raise refuse(OversightError.BAD_LINK, _("Isi nomor yang terkait."), field="link_id")
    try:
        kind = LinkType(link_type)
        return link_name(kind, LOOKUPS[kind](village, link_id))
    except (NotFound, KeyError, ValueError):
        raise refuse(
            OversightError.BAD_LINK,
            _("%(type)s nomor %(id)s tidak ada di desa ini: periksa nomornya.")
            % {
                "type": LinkType(link_type).label if link_type in LinkType.values else link_type,
                "id": link_id,
            },
            field="link_id",
        ) from None
