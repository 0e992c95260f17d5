"""Users and their role assignments. A role assignment is (user, role, region): it covers that
region and everything under it (see tridaya.core.policy)."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from tridaya.core.models import TimeStampedModel
from tridaya.regions.models import Level, Region


class User(AbstractUser):
    """A person who signs in. Names are free text; the role assignments say what they may do."""

    phone = models.CharField(_("nomor HP"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    NATIONAL_ADMIN = "national_admin", _("Admin nasional")
    PROVINCE_OFFICER = "province_officer", _("Petugas provinsi")
    CITY_COORDINATOR = "city_coordinator", _("Koordinator kota / Pemda")
    FACILITATOR = "facilitator", _("Fasilitator")
    BKM = "bkm", _("BKM")
    UPK = "upk", _("UPK (unit keuangan)")
    UPL = "upl", _("UPL (unit lingkungan)")
    UPS = "ups", _("UPS (unit sosial)")
    TIPP = "tipp", _("TIPP")
    VILLAGE_APPARATUS = "village_apparatus", _("Aparat kelurahan/desa")
    KSM = "ksm", _("KSM")
    RESIDENT = "resident", _("Warga")


# The lowest level each role may be held at, and the highest. A national admin holds no region;
# a province officer holds a province; village roles hold a village.
ROLE_LEVELS: dict[str, tuple[int | None, ...]] = {
    Role.NATIONAL_ADMIN: (None,),
    Role.PROVINCE_OFFICER: (Level.PROVINCE,),
    Role.CITY_COORDINATOR: (Level.REGENCY,),
    Role.FACILITATOR: (Level.REGENCY, Level.DISTRICT, Level.VILLAGE),
    Role.BKM: (Level.VILLAGE,),
    Role.UPK: (Level.VILLAGE,),
    Role.UPL: (Level.VILLAGE,),
    Role.UPS: (Level.VILLAGE,),
    Role.TIPP: (Level.VILLAGE,),
    Role.VILLAGE_APPARATUS: (Level.VILLAGE,),
    Role.KSM: (Level.VILLAGE,),
    Role.RESIDENT: (Level.VILLAGE,),
}


class RoleAssignment(TimeStampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField(_("peran"), max_length=32, choices=Role.choices)
    region = models.ForeignKey(
        Region,
        verbose_name=_("wilayah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
        help_text=_("Kosong hanya untuk admin nasional."),
    )

    class Meta:
        verbose_name = _("penugasan peran")
        verbose_name_plural = _("penugasan peran")
        ordering = ["user", "role", "region"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "region"], name="role_assignment_unique"
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(region__isnull=True),
                name="role_assignment_national_unique",
            ),
        ]

    def __str__(self) -> str:
        where = self.region_id or _("nasional")
        return f"{self.user} - {self.get_role_display()} ({where})"

    @property
    def region_code(self) -> str | None:
        return self.region_id

    def clean(self) -> None:
        allowed = ROLE_LEVELS.get(self.role, ())
        level = self.region.level if self.region is not None else None
        if level not in allowed:
            if None in allowed:
                msg = _("Peran %(role)s berlaku nasional: kosongkan wilayah.")
            else:
                msg = _("Peran %(role)s harus dipegang pada tingkat %(levels)s.")
            levels = ", ".join(str(Level(x).label) for x in allowed if x is not None)
            raise ValidationError(
                {"region": msg % {"role": self.get_role_display(), "levels": levels}}
            )
