"""Program-wide choices used by several apps (a person's sex in registers, attendance and
surveys; the three Tridaya domains of problems, priorities, plans and works; the sectors and slum
aspects of problems, RAB activities and prospectuses)."""

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


class Sector(models.TextChoices):
    """The seven slum aspects of Permen PUPR 14/PRT/M/2018 (same codes as the Pokja aspects and
    the criteria set's aspect keys), then the other sectors a plan covers."""

    BUILDINGS = "bangunan", _("Bangunan gedung")
    ROADS = "jalan", _("Jalan lingkungan")
    WATER = "air_minum", _("Air minum")
    DRAINAGE = "drainase", _("Drainase")
    WASTEWATER = "air_limbah", _("Air limbah / sanitasi")
    WASTE = "persampahan", _("Persampahan")
    FIRE = "kebakaran", _("Proteksi kebakaran")
    GREEN_SPACE = "ruang_terbuka", _("Ruang terbuka hijau")
    ECONOMY = "ekonomi", _("Ekonomi dan usaha")
    HEALTH = "kesehatan", _("Kesehatan")
    EDUCATION = "pendidikan", _("Pendidikan")
    SOCIAL = "sosial", _("Sosial dan kelompok rentan")
    OTHER = "lainnya", _("Lainnya")
