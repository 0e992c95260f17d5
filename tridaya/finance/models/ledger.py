"""The ledger: a chart of accounts per village, vouchers and their entries, closed periods.

Vouchers, entries and period closings are append-only: the database refuses UPDATE and DELETE
on them (migration 0002). A correction is a reversing voucher naming the one it reverses."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tridaya.core.uploads import kinds
from tridaya.core.uploads.fields import UploadFileField
from tridaya.core.uploads.names import random_name
from tridaya.institutions.models import KSM
from tridaya.regions.models import Region


class AccountKind(models.TextChoices):
    """The five classes of a double-entry chart. Assets and expenses grow with debits."""

    ASSET = "asset", _("Aset")
    LIABILITY = "liability", _("Kewajiban")
    EQUITY = "equity", _("Ekuitas / dana")
    INCOME = "income", _("Pendapatan")
    EXPENSE = "expense", _("Biaya")


DEBIT_NORMAL = {AccountKind.ASSET, AccountKind.EXPENSE}


class Purpose(models.TextChoices):
    """What an account is for; the books and the services pick accounts by purpose."""

    CASH = "cash", _("Kas tunai")
    BANK = "bank", _("Bank BKM")
    KSM_ADVANCE = "ksm_advance", _("Uang muka KSM")
    RECEIVABLE = "receivable", _("Piutang")
    EXPENSE = "expense", _("Biaya kegiatan")
    SWADAYA_CASH = "swadaya_cash", _("Swadaya tunai")
    SWADAYA_LABOUR = "swadaya_labour", _("Swadaya tenaga (HOK)")
    SWADAYA_MATERIAL = "swadaya_material", _("Swadaya bahan")
    RETURNED = "returned", _("Dana dikembalikan ke kas negara")
    BLM_INCOME = "blm_income", _("Penerimaan BLM")
    OTHER_INCOME = "other_income", _("Pendapatan lain (bunga bank)")
    PARTNER_INCOME = "partner_income", _("Dana mitra di luar BLM")


class CostCategory(models.TextChoices):
    """The RPD groups (Sanimas-IDB juknis [A, S12])."""

    BAHAN = "bahan", _("Bahan")
    ALAT = "alat", _("Alat")
    UPAH = "upah", _("Upah")
    OPERASIONAL = "operasional", _("Operasional")


# Purposes whose balance may never go below zero: money that is spent from them.
GUARDED = {Purpose.CASH, Purpose.BANK, Purpose.KSM_ADVANCE}
# Accounts holding money (the cash side of Bukti Kas Masuk / Keluar).
MONEY = {Purpose.CASH, Purpose.BANK, Purpose.KSM_ADVANCE}


class Account(models.Model):
    """One account of a village's chart. `balance` is a running total kept by the posting
    service under a row lock (debit-positive for assets and expenses); `ledger_check` proves it
    equals the sum of the account's entries. Nobody types a balance."""

    village = models.ForeignKey(
        Region, verbose_name=_("kelurahan/desa"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("kode akun"), max_length=40)
    name = models.CharField(_("nama akun"), max_length=200)
    kind = models.CharField(_("golongan"), max_length=12, choices=AccountKind.choices)
    purpose = models.CharField(_("kegunaan"), max_length=20, choices=Purpose.choices)
    category = models.CharField(
        _("kelompok biaya"), max_length=12, choices=CostCategory.choices, blank=True
    )
    ksm = models.ForeignKey(
        KSM,
        verbose_name=_("KSM"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="finance_accounts",
    )
    activity_key = models.CharField(_("kegiatan"), max_length=40, blank=True)
    balance = models.BigIntegerField(_("saldo"), default=0, editable=False)

    class Meta:
        verbose_name = _("akun")
        verbose_name_plural = _("akun")
        ordering = ["village", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "code"], name="finance_account_code_unique_per_village"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def region_code(self) -> str:
        return self.village_id

    @property
    def debit_normal(self) -> bool:
        return self.kind in DEBIT_NORMAL

    @property
    def guarded(self) -> bool:
        return self.purpose in GUARDED


class VoucherKind(models.TextChoices):
    """The three source documents of UPK bookkeeping [V, S17]."""

    RECEIPT = "masuk", _("Bukti Kas Masuk")
    PAYMENT = "keluar", _("Bukti Kas Keluar")
    TRANSFER = "pindah", _("Bukti Pemindahbukuan")


VOUCHER_PREFIX = {
    VoucherKind.RECEIPT: "BKM",
    VoucherKind.PAYMENT: "BKK",
    VoucherKind.TRANSFER: "BPB",
}


class VoucherSequence(models.Model):
    """The last voucher number given in a village and year. The posting service locks this row,
    so numbers are handed out one at a time and a failed posting (rolled back) leaves no gap."""

    village = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["village", "year"], name="finance_sequence_unique_per_village_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.village_id} {self.year}: {self.last_number}"


def evidence_path(voucher: "Voucher", filename: str) -> str:
    return random_name(f"finance/{voucher.village_id}/{voucher.year}", filename)


class Voucher(models.Model):
    """A source document: a balanced set of entries, numbered without gaps per village and year."""

    village = models.ForeignKey(
        Region, verbose_name=_("kelurahan/desa"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    number = models.PositiveIntegerField(_("nomor"))
    kind = models.CharField(_("jenis bukti"), max_length=8, choices=VoucherKind.choices)
    date = models.DateField(_("tanggal"))
    description = models.CharField(_("uraian"), max_length=300)
    evidence = UploadFileField(
        _("bukti (foto/scan)"),
        upload_to=evidence_path,
        blank=True,
        accept=kinds.IMAGES | {kinds.Kind.PDF},
        group="document",
    )
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("membatalkan bukti"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
    )
    idempotency_key = models.CharField(_("kunci permintaan"), max_length=80, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibukukan oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    posted_at = models.DateTimeField(_("waktu pembukuan"), auto_now_add=True)

    class Meta:
        verbose_name = _("bukti transaksi")
        verbose_name_plural = _("bukti transaksi")
        ordering = ["village", "year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "year", "number"], name="finance_voucher_number_unique"
            ),
            models.UniqueConstraint(
                fields=["village", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="finance_voucher_idempotency_unique",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="finance_voucher_number_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.display_number

    @property
    def display_number(self) -> str:
        return f"{VOUCHER_PREFIX[VoucherKind(self.kind)]}/{self.year}/{self.number:04d}"

    @property
    def region_code(self) -> str:
        return self.village_id


class Entry(models.Model):
    """One line of a voucher: a debit or a credit of whole rupiah on one account. The village
    and date are copied from the voucher so the books read one indexed table."""

    voucher = models.ForeignKey(Voucher, on_delete=models.PROTECT, related_name="entries")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="entries")
    village = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("tanggal"))
    line = models.PositiveSmallIntegerField(_("baris"))
    debit = models.BigIntegerField(_("debit"), default=0)
    credit = models.BigIntegerField(_("kredit"), default=0)
    memo = models.CharField(_("keterangan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("jurnal")
        verbose_name_plural = _("jurnal")
        ordering = ["date", "voucher_id", "line"]
        indexes = [
            models.Index(fields=["account", "date"], name="finance_entry_account_date"),
            models.Index(fields=["village", "date"], name="finance_entry_village_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(debit__gt=0) & Q(credit=0)) | (Q(credit__gt=0) & Q(debit=0)),
                name="finance_entry_one_side_positive",
            ),
            models.UniqueConstraint(fields=["voucher", "line"], name="finance_entry_line_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.voucher_id}:{self.line}"

    @property
    def region_code(self) -> str:
        return self.village_id


class PeriodClose(models.Model):
    """A month closed by the BKM/UPK: nothing is posted into it afterwards. Never reopened."""

    village = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    month = models.PositiveSmallIntegerField(_("bulan"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("ditutup pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("periode tertutup")
        verbose_name_plural = _("periode tertutup")
        ordering = ["village", "year", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "year", "month"], name="finance_period_close_unique"
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1) & Q(month__lte=12), name="finance_period_month_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.village_id} {self.year}-{self.month:02d}"

    @property
    def region_code(self) -> str:
        return self.village_id


class SwadayaForm(models.TextChoices):
    """How the community contributes (DOMAIN §5; KOTAKU SIM [V, S1])."""

    CASH = "cash", _("Uang tunai")
    LABOUR = "labour", _("Tenaga kerja (HOK)")
    MATERIAL = "material", _("Bahan")


class SwadayaContribution(models.Model):
    """What a swadaya voucher stands for: for labour the person-days (HOK), the day rate and the
    workers by sex; the voucher carries the value in rupiah (days x rate)."""

    voucher = models.OneToOneField(Voucher, on_delete=models.PROTECT, related_name="swadaya")
    village = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    form = models.CharField(_("bentuk"), max_length=10, choices=SwadayaForm.choices)
    ksm = models.ForeignKey(KSM, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    days = models.PositiveIntegerField(_("HOK (orang-hari)"), default=0)
    daily_rate = models.BigIntegerField(_("nilai per HOK"), default=0)
    workers_men = models.PositiveIntegerField(_("pekerja laki-laki"), default=0)
    workers_women = models.PositiveIntegerField(_("pekerja perempuan"), default=0)
    value = models.BigIntegerField(_("nilai"))

    class Meta:
        verbose_name = _("swadaya")
        verbose_name_plural = _("swadaya")
        constraints = [
            models.CheckConstraint(condition=Q(value__gt=0), name="finance_swadaya_value_positive"),
            models.CheckConstraint(
                condition=~Q(form="labour") | Q(value=F("days") * F("daily_rate")),
                name="finance_swadaya_labour_is_days_times_rate",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_form_display()} {self.value}"

    @property
    def region_code(self) -> str:
        return self.village_id
