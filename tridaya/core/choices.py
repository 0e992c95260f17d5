"""Program-wide choices used by several apps (a person's sex in registers, attendance and
surveys; the three Tridaya domains of problems, priorities, plans and works)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class TridayaDomain(models.TextChoices):
    """The three Tridaya domains (DOMAIN.md section 1)."""

    ENVIRONMENT = "L", _("Lingkungan")
    ECONOMY = "E", _("Ekonomi")
    SOCIAL = "S", _("Sosial")
