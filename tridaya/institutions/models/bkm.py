"""The BKM, its members' terms and its elections."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tridaya.core.dates import format_date_id
from tridaya.core.fields import TEXT_NOTE, BoundedTextField
from tridaya.core.models import TimeStampedModel
from tridaya.institutions.models.people import (
    VILLAGE_ONLY,
    Person,
    require_member_of_parent_village,
    require_same_village,
)
from tridaya.regions.models import Region


class BKM(TimeStampedModel):
    """Badan Keswadayaan Masyarakat: the village's elected collective leadership (one per
    village)."""

    village = models.OneToOneField(
        Region,
        verbose_name=_("kelurahan/desa"),
        on_delete=models.PROTECT,
        related_name="bkm",
        limit_choices_to=VILLAGE_ONLY,
    )
    name = models.CharField(_("nama BKM"), max_length=150)
    established_on = models.DateField(_("tanggal berdiri"), null=True, blank=True)

    class Meta:
        verbose_name = _("BKM")
        verbose_name_plural = _("BKM")

    def __str__(self) -> str:
        return self.name

    @property
    def region_code(self) -> str:
        return self.village_id


class BKMPosition(models.TextChoices):
    COORDINATOR = "koordinator", _("Koordinator")
    SECRETARY = "sekretaris", _("Sekretaris")
    MEMBER = "anggota", pgettext_lazy("jabatan", "Anggota")


class BKMMember(TimeStampedModel):
    """One person's term on the BKM. A member declares in writing not to be a member of a
    political party; the declaration is recorded with its date."""

    bkm = models.ForeignKey(
        BKM, verbose_name=_("BKM"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("warga"), on_delete=models.PROTECT, related_name="bkm_terms"
    )
    position = models.CharField(
        _("jabatan"), max_length=16, choices=BKMPosition.choices, default=BKMPosition.MEMBER
    )
    term_start = models.DateField(_("awal masa bakti"))
    term_end = models.DateField(_("akhir masa bakti"))
    no_party_declaration = models.BooleanField(
        _("menyatakan bukan anggota partai politik"), default=False
    )
    declaration_date = models.DateField(_("tanggal pernyataan"))

    class Meta:
        verbose_name = _("anggota BKM")
        verbose_name_plural = _("anggota BKM")
        ordering = ["bkm", "-term_start", "position", "id"]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_position_display()})"

    @property
    def region_code(self) -> str:
        return self.bkm.village_id

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if not self.no_party_declaration:
            errors["no_party_declaration"] = ValidationError(
                _(
                    "Anggota BKM harus menyatakan bukan anggota partai politik; "
                    "centang pernyataan yang sudah ditandatangani."
                ),
                code="bkm_party_declaration_missing",
            )
        if self.term_start and self.term_end and self.term_end <= self.term_start:
            errors["term_end"] = ValidationError(
                _("Akhir masa bakti harus sesudah awal masa bakti."), code="term_end_before_start"
            )
        if errors:
            raise ValidationError(errors)
        require_member_of_parent_village(self, "bkm")
        if not self.person_id or not self.bkm_id:
            return
        overlapping = BKMMember.objects.filter(
            bkm_id=self.bkm_id,
            person_id=self.person_id,
            term_start__lte=self.term_end,
            term_end__gte=self.term_start,
        ).exclude(pk=self.pk)
        if overlapping.exists():
            raise ValidationError(
                {
                    "person": ValidationError(
                        _("%(person)s sudah menjadi anggota BKM pada masa bakti itu.")
                        % {"person": self.person.name},
                        code="bkm_member_term_overlap",
                    )
                }
            )


class Election(TimeStampedModel):
    """An election of BKM members: where and when it was held, and the votes per candidate."""

    bkm = models.ForeignKey(
        BKM, verbose_name=_("BKM"), on_delete=models.CASCADE, related_name="elections"
    )
    held_on = models.DateField(_("tanggal pemilihan"))
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    notes = BoundedTextField(_("catatan"), blank=True, max_length=TEXT_NOTE)
    # Id of the cycle meeting (rembug) where the election was held; the cycle app links it.
    # Not a foreign key: institutions comes before cycle and must not depend on it.
    meeting_id = models.PositiveBigIntegerField(
        _("rembug (ID pertemuan siklus)"),
        null=True,
        blank=True,
        help_text=_("ID rembug warga di siklus PLPBK tempat pemilihan diadakan."),
    )

    class Meta:
        verbose_name = _("pemilihan BKM")
        verbose_name_plural = _("pemilihan BKM")
        ordering = ["bkm", "-held_on", "-id"]

    def __str__(self) -> str:
        return _("Pemilihan %(bkm)s, %(date)s") % {
            "bkm": self.bkm,
            "date": format_date_id(self.held_on),
        }

    @property
    def region_code(self) -> str:
        return self.bkm.village_id


class ElectionCandidate(TimeStampedModel):
    election = models.ForeignKey(
        Election, verbose_name=_("pemilihan"), on_delete=models.CASCADE, related_name="candidates"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("calon"), on_delete=models.PROTECT, related_name="candidacies"
    )
    votes = models.PositiveIntegerField(_("jumlah suara"), default=0)
    elected = models.BooleanField(_("terpilih"), default=False)

    class Meta:
        verbose_name = _("calon")
        verbose_name_plural = _("calon")
        ordering = ["election", "-votes", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "person"], name="election_candidate_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.votes}"

    @property
    def region_code(self) -> str:
        return self.election.bkm.village_id

    def clean(self) -> None:
        if self.election_id and self.person_id:
            require_same_village(self.person, self.election.bkm.village_id)
