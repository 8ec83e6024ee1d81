"""The agency as BAB I describes it in one year: its tugas and fungsi, its
organisation units (a tree, with eselon and heads), its staff counted by pangkat,
education, jabatan and status, and its assets.

Staff totals and percentages are computed, never stored. What an agency printed as a
total in its own tables may be kept (StaffTotal) so the report can show where it
disagrees with the rows.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from agencies.models import Agency
from core.audit import AuditedChange
from core.fields import text_length_limit
from core.nip import format_nip


def _year_plausible(name: str):
    return models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name=f"{name}_year_plausible")


class Duty(models.Model):
    """Tugas pokok and fungsi of the agency (from its Peraturan Bupati/Walikota)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="duties", verbose_name="instansi")
    year = models.PositiveSmallIntegerField("tahun")
    legal_basis = models.CharField("dasar pembentukan", max_length=500, blank=True)
    duty = models.TextField("tugas pokok", max_length=2000, blank=True)
    functions = models.TextField(
        "fungsi", max_length=6000, blank=True, help_text="Satu fungsi per baris; dicetak sebagai daftar bernomor."
    )

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "tugas dan fungsi"
        verbose_name_plural = "tugas dan fungsi"
        ordering = ["agency", "year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="one_duty_per_agency_year"),
            _year_plausible("duty"),
            text_length_limit("duty", 2000, "duty"),
            text_length_limit("functions", 6000, "duty"),
        ]

    def __str__(self):
        return f"Tugas dan fungsi {self.agency} {self.year}"

    @property
    def function_list(self) -> list[str]:
        return [line.strip() for line in self.functions.splitlines() if line.strip()]

    @property
    def is_empty(self) -> bool:
        return not (self.legal_basis.strip() or self.duty.strip() or self.function_list)


class OrgUnit(models.Model):
    """One unit of the organisation (Kepala Dinas, Sekretariat, Bidang, Seksi ...)."""

    class Level(models.TextChoices):
        # The generic levels serve where the source names no sub-level; blank: not recorded.
        II = "II", "Eselon II"
        II_A = "II.a", "Eselon II.a"
        II_B = "II.b", "Eselon II.b"
        III = "III", "Eselon III"
        III_A = "III.a", "Eselon III.a"
        III_B = "III.b", "Eselon III.b"
        IV = "IV", "Eselon IV"
        IV_A = "IV.a", "Eselon IV.a"
        IV_B = "IV.b", "Eselon IV.b"
        FUNCTIONAL = "JF", "Jabatan Fungsional"

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="org_units", verbose_name="instansi")
    year = models.PositiveSmallIntegerField("tahun")
    code = models.CharField("kode", max_length=20, help_text="Kode unit, mis. 1, 1.2, 1.2.1.")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children", verbose_name="unit atasan"
    )
    name = models.CharField("nama unit/jabatan", max_length=255)
    level = models.CharField("eselon", max_length=5, choices=Level.choices, blank=True)
    head_name = models.CharField("nama pejabat", max_length=200, blank=True)
    head_rank = models.CharField("pangkat/golongan", max_length=200, blank=True)
    head_nip = models.CharField("NIP", max_length=30, blank=True)

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "unit organisasi"
        verbose_name_plural = "unit organisasi"
        ordering = ["agency", "year", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "code"], name="one_org_unit_per_code"),
            _year_plausible("org_unit"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def nip_display(self) -> str:
        return format_nip(self.head_nip)


class StaffCount(models.Model):
    """How many staff the agency has in one group of one breakdown (e.g. pangkat III/a: 5)."""

    class Category(models.TextChoices):
        RANK = "pangkat", "Pangkat/Golongan"
        EDUCATION = "pendidikan", "Pendidikan"
        POSITION = "jabatan", "Jabatan/Eselon"
        STATUS = "status", "Status Kepegawaian"

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="staff_counts", verbose_name="instansi")
    year = models.PositiveSmallIntegerField("tahun")
    category = models.CharField("menurut", max_length=12, choices=Category.choices)
    label = models.CharField("kelompok", max_length=100)
    count = models.PositiveIntegerField("jumlah pegawai")
    order = models.PositiveSmallIntegerField("urutan", default=0)

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "jumlah pegawai"
        verbose_name_plural = "jumlah pegawai"
        ordering = ["agency", "year", "category", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "category", "label"], name="one_staff_count_per_group"),
            _year_plausible("staff_count"),
        ]

    def __str__(self):
        return f"{self.get_category_display()} {self.label}: {self.count}"


class StaffTotal(models.Model):
    """The total an agency printed under one of its staff tables. Never used as the
    total: the report computes its own and flags this one where it disagrees."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="staff_totals", verbose_name="instansi")
    year = models.PositiveSmallIntegerField("tahun")
    category = models.CharField("menurut", max_length=12, choices=StaffCount.Category.choices)
    printed_total = models.PositiveIntegerField("jumlah tercetak")

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "jumlah pegawai tercetak"
        verbose_name_plural = "jumlah pegawai tercetak"
        ordering = ["agency", "year", "category"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "category"], name="one_staff_total_per_category"),
            _year_plausible("staff_total"),
        ]

    def __str__(self):
        return f"Jumlah tercetak {self.get_category_display()}: {self.printed_total}"


class Asset(models.Model):
    """A kind of asset (sarana dan prasarana) with its count and condition."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="assets", verbose_name="instansi")
    year = models.PositiveSmallIntegerField("tahun")
    name = models.CharField("nama/jenis barang", max_length=255)
    count = models.PositiveIntegerField("jumlah")
    condition = models.CharField("kondisi", max_length=100, blank=True)
    note = models.CharField("keterangan", max_length=255, blank=True)
    order = models.PositiveSmallIntegerField("urutan", default=0)

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "aset"
        verbose_name_plural = "aset"
        ordering = ["agency", "year", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "name", "condition"], name="one_asset_row_per_kind"),
            _year_plausible("asset"),
        ]

    def __str__(self):
        return f"{self.name} ({self.count})"
