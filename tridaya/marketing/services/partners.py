"""The partner register of a city: one per kabupaten/kota, shared by its villages, with no
duplicates (same normalised name in the same region is refused with the existing partner named).
A user acts from a village (or the city itself), and the policy is checked there."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.accounts.models import User
from tridaya.core.audit import diff, record_event, snapshot
from tridaya.core.errors import DomainError
from tridaya.core.policy import authorize
from tridaya.marketing import policy
from tridaya.marketing.errors import MarketingError
from tridaya.marketing.models import FundingSource, Partner, PartnerContact
from tridaya.marketing.services import city_code
from tridaya.regions.models import Level, Region

# Legal forms and filler words that do not tell two organisations apart.
_NOISE = {"pt", "cv", "tbk", "persero", "perum", "pd", "ud", "yayasan", "the", "dan", "and"}
PARTNER_FIELDS = ["name", "kind", "acts_in", "sectors", "address", "website", "notes"]


def normalise_name(name: str) -> str:
    """'PT. Bank NTB Syariah (Persero) Tbk' -> 'bank ntb syariah'."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w and w not in _NOISE]
    return " ".join(words)


def _city_of(where: Region) -> Region:
    if where.level < Level.REGENCY:
        raise DomainError(
            _(
                "Register mitra dibuat per kabupaten/kota; pilih kabupaten/kota atau "
                "kelurahan/desa di bawahnya."
            ),
            code=MarketingError.PARTNER_REGION,
        )
    return Region.objects.get(pk=city_code(where.code))


def _check_acts_in(city: Region, acts_in: Region) -> None:
    """A partner acts in the city, somewhere inside it, or in a region containing it."""
    inside = acts_in.code == city.code or acts_in.code.startswith(city.code + ".")
    above = city.code.startswith(acts_in.code + ".")
    if not (inside or above):
        raise DomainError(
            _("Wilayah kerja %(region)s tidak mencakup dan tidak berada di %(city)s.")
            % {"region": acts_in, "city": city},
            code=MarketingError.PARTNER_REGION,
            field="acts_in",
        )


def _check_duplicate(partner: Partner) -> None:
    existing = (
        Partner.objects.filter(
            city=partner.city, normalised_name=partner.normalised_name, acts_in=partner.acts_in
        )
        .exclude(pk=partner.pk)
        .first()
    )
    if existing is not None:
        raise DomainError(
            _(
                'Mitra "%(name)s" dengan wilayah kerja %(region)s sudah ada di register '
                "%(city)s (nomor %(id)s). Pakai mitra itu, jangan didaftarkan lagi."
            )
            % {
                "name": existing.name,
                "region": partner.acts_in,
                "city": partner.city,
                "id": existing.pk,
            },
            code=MarketingError.PARTNER_DUPLICATE,
            field="name",
        )


@transaction.atomic(durable=True)
def partner_create(
    *,
    actor: User | None,
    where: Region,
    name: str,
    kind: str,
    acts_in: Region,
    sources: Iterable[FundingSource] = (),
    sectors: str = "",
    address: str = "",
    website: str = "",
    notes: str = "",
) -> Partner:
    """Add a partner to the register of the city of `where` (a village or the city)."""
    authorize(actor, policy.MANAGE_PARTNERS, where)
    city = _city_of(where)
    partner = Partner(
        city=city,
        name=name.strip(),
        kind=kind,
        acts_in=acts_in,
        sectors=sectors.strip(),
        address=address.strip(),
        website=website.strip(),
        notes=notes.strip(),
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    partner.normalised_name = normalise_name(partner.name)
    _check_acts_in(city, acts_in)
    _check_duplicate(partner)
    partner.full_clean(exclude=["normalised_name"])
    partner.save()
    partner.sources.set(list(sources))
    record_event(
        actor=actor,
        action="marketing.partner_created",
        obj=partner,
        changes={
            **{k: [None, v] for k, v in snapshot(partner, PARTNER_FIELDS).items()},
            "sources": [None, sorted(s.code for s in partner.sources.all())],
        },
    )
    return partner


@transaction.atomic(durable=True)
def partner_update(
    *,
    actor: User | None,
    where: Region,
    partner: Partner,
    name: str,
    kind: str,
    acts_in: Region,
    sources: Iterable[FundingSource] = (),
    sectors: str = "",
    address: str = "",
    website: str = "",
    notes: str = "",
) -> Partner:
    authorize(actor, policy.MANAGE_PARTNERS, where)
    partner = (
        Partner.objects.select_for_update(of=("self",)).select_related("city").get(pk=partner.pk)
    )
    _require_same_city(where, partner)
    before = snapshot(partner, PARTNER_FIELDS)
    before_sources = sorted(partner.sources.values_list("code", flat=True))
    partner.name, partner.kind, partner.acts_in = name.strip(), kind, acts_in
    partner.sectors, partner.address = sectors.strip(), address.strip()
    partner.website, partner.notes = website.strip(), notes.strip()
    partner.normalised_name = normalise_name(partner.name)
    _check_acts_in(partner.city, acts_in)
    _check_duplicate(partner)
    partner.full_clean(exclude=["normalised_name"])
    partner.save()
    partner.sources.set(list(sources))
    changes = diff(before, snapshot(partner, PARTNER_FIELDS))
    after_sources = sorted(s.code for s in partner.sources.all())
    if after_sources != before_sources:
        changes["sources"] = [before_sources, after_sources]
    if changes:
        record_event(actor=actor, action="marketing.partner_updated", obj=partner, changes=changes)
    return partner


def _require_same_city(where: Region, partner: Partner) -> None:
    if city_code(where.code) != partner.city_id:
        raise DomainError(
            _("Mitra %(name)s ada di register kabupaten/kota lain.") % {"name": partner.name},
            code=MarketingError.PARTNER_ELSEWHERE,
        )


@transaction.atomic(durable=True)
def contact_add(
    *,
    actor: User | None,
    where: Region,
    partner: Partner,
    name: str,
    position: str = "",
    phone: str = "",
    email: str = "",
) -> PartnerContact:
    authorize(actor, policy.MANAGE_PARTNERS, where)
    _require_same_city(where, partner)
    contact = PartnerContact(
        partner=partner,
        name=name.strip(),
        position=position.strip(),
        phone=phone.strip(),
        email=email.strip(),
    )
    contact.full_clean()
    contact.save()
    # Personal data stays out of the audit trail's values: the event names the partner only.
    record_event(
        actor=actor,
        action="marketing.contact_added",
        obj=partner,
        changes={"contact": [None, contact.pk]},
    )
    return contact


@transaction.atomic(durable=True)
def contact_remove(*, actor: User | None, where: Region, contact: PartnerContact) -> None:
    authorize(actor, policy.MANAGE_PARTNERS, where)
    partner = contact.partner
    _require_same_city(where, partner)
    contact_id = contact.pk
    contact.delete()
    record_event(
        actor=actor,
        action="marketing.contact_removed",
        obj=partner,
        changes={"contact": [contact_id, None]},
    )
