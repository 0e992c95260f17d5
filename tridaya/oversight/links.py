"""What a complaint may be linked to (type + id), each checked through the owning app's selectors
so that a link never points outside the complaint's village."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tridaya.core.errors import NotFound
from tridaya.oversight.errors import OversightError, refuse
from tridaya.oversight.models import LinkType
from tridaya.regions.models import Region


def _package(village: Region, pk: int) -> str:
    from tridaya.works.selectors import package_of

    return package_of(village, pk).name


def _ksm(village: Region, pk: int) -> str:
    from tridaya.institutions.selectors import ksms_of

    for ksm in ksms_of(village):
        if ksm.pk == pk:
            return ksm.name
    raise NotFound("ksm")


CHECKS = {LinkType.PACKAGE: _package, LinkType.KSM: _ksm}


def link_label(village: Region, link_type: str, link_id: int | None) -> str:
    """The linked object's name, or a DomainError naming the field to fix."""
    if not link_type:
        return ""
    if link_id is None:
        raise refuse(OversightError.BAD_LINK, _("Isi nomor yang terkait."), field="link_id")
    try:
        return CHECKS[LinkType(link_type)](village, link_id)
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
