"""The performance tree (pohon kinerja) of SAKIP, above and below the agency's Renstra.

Above: the region's RPJMD (vision, missions, tujuan and sasaran daerah with their
indicators), kept by the region's Bappeda; each agency sasaran names the region sasaran
it supports (GoalSupport). Below: inside the agency, every eselon III unit has sasaran
program under an agency sasaran and every eselon IV unit sasaran kegiatan under a
sasaran program, each with indicators, a yearly target and four quarters of Rencana Aksi
(target, planned actions, realisation). Programs and kegiatan link to the unit sasaran
they serve. Each unit head signs a Perjanjian Kinerja (Agreement) with their superior;
a PK Perubahan is a new revision that keeps the original.

Nothing here is a computed figure: capaian come from `cascade/scoring.py`, which uses
the same engine (`indicators/capaian.py`) as the agency's indicators.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from agencies.models import Agency, Region
from budget.models import BudgetItem
from core.audit import AuditedChange
from core.fields import ValueField, text_length_limit
from core.nip import format_nip
from indicators import capaian as engine
from indicators.models import Goal, Indicator
from organisation.models import OrgUnit


def _year_plausible(name: str, field: str = "year"):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 2000, f"{field}__lte": 2100}), name=f"{name}_plausible"
    )


class Polarity(models.TextChoices):
    POSITIVE = engine.POSITIVE, "Positif (makin tinggi makin baik)"
    NEGATIVE = engine.NEGATIVE, "Negatif (makin rendah makin baik)"


# --- The region: RPJMD ----------------------------------------------------------------


class RegionPlan(models.Model):
    """The region's RPJMD for one period."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="plans", verbose_name="pemda")
    name = models.CharField("nama dokumen", max_length=200, default="RPJMD")
    start_year = models.PositiveSmallIntegerField("tahun awal")
    end_year = models.PositiveSmallIntegerField("tahun akhir")
    vision = models.TextField("visi", max_length=2000, blank=True)

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "RPJMD"
        verbose_name_plural = "RPJMD"
        ordering = ["region", "-start_year"]
        constraints = [
            models.UniqueConstraint(fields=["region", "start_year"], name="one_region_plan_per_start"),
            models.CheckConstraint(condition=Q(end_year__gte=F("start_year")), name="region_plan_years_ordered"),
            _year_plausible("region_plan_start", "start_year"),
            text_length_limit("vision", 2000, "region_plan"),
        ]

    def __str__(self):
        return f"{self.name} {self.region} {self.start_year}-{self.end_year}"


class RegionMission(models.Model):
    plan = models.ForeignKey(RegionPlan, on_delete=models.CASCADE, related_name="missions")
    order = models.PositiveSmallIntegerField("urutan")
    text = models.TextField("misi", max_length=1000)

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "misi daerah"
        verbose_name_plural = "misi daerah"
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "order"], name="one_region_mission_per_order")]

    def __str__(self):
        return self.text[:80]


class RegionGoal(models.Model):
    """A tujuan or sasaran daerah of the RPJMD."""

    class Kind(models.TextChoices):
        TUJUAN = "tujuan", "Tujuan"
        SASARAN = "sasaran", "Sasaran"

    plan = models.ForeignKey(RegionPlan, on_delete=models.CASCADE, related_name="goals", verbose_name="RPJMD")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children", verbose_name="tujuan"
    )
    kind = models.CharField("jenis", max_length=10, choices=Kind.choices)
    code = models.CharField("kode", max_length=30)
    statement = models.TextField("uraian", max_length=1000)
    order = models.PositiveSmallIntegerField("urutan", default=0)

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "tujuan/sasaran daerah"
        verbose_name_plural = "tujuan/sasaran daerah"
        ordering = ["plan", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="one_region_goal_per_code"),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="region_goal_not_its_own_parent"),
        ]

    def __str__(self):
        return f"{self.code} {self.statement}"


class RegionIndicator(models.Model):
    goal = models.ForeignKey(RegionGoal, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField("kode", max_length=30)
    name = models.TextField("nama indikator", max_length=500)
    unit = models.CharField("satuan", max_length=50, blank=True)
    polarity = models.CharField("polaritas", max_length=10, choices=Polarity.choices, default=Polarity.POSITIVE)
    order = models.PositiveSmallIntegerField("urutan", default=0)

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "indikator daerah"
        verbose_name_plural = "indikator daerah"
        ordering = ["goal", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["goal", "code"], name="one_region_indicator_per_code")]

    def __str__(self):
        return f"{self.code} {self.name}"


class RegionIndicatorYear(models.Model):
    """The target and realisation of a region indicator in one year (empty: not known)."""

    indicator = models.ForeignKey(RegionIndicator, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField("tahun")
    target = ValueField("target", null=True, blank=True)
    realization = ValueField("realisasi", null=True, blank=True)

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "target/realisasi indikator daerah"
        verbose_name_plural = "target/realisasi indikator daerah"
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="one_region_value_per_year"),
            _year_plausible("region_value_year"),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.year}"


class GoalSupport(models.Model):
    """The region sasaran an agency sasaran supports (one per agency sasaran)."""

    goal = models.OneToOneField(Goal, on_delete=models.CASCADE, related_name="region_support", verbose_name="sasaran")
    region_goal = models.ForeignKey(
        RegionGoal, on_delete=models.CASCADE, related_name="supporters", verbose_name="sasaran daerah"
    )

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "dukungan sasaran daerah"
        verbose_name_plural = "dukungan sasaran daerah"

    def __str__(self):
        return f"{self.goal.code} → {self.region_goal.code}"


# --- Inside the agency: units' sasaran, indicators and Rencana Aksi --------------------


class UnitGoal(models.Model):
    """A sasaran program (eselon III) under an agency sasaran, or a sasaran kegiatan
    (eselon IV) under a sasaran program, for one year."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="unit_goals", verbose_name="instansi")
    year = models.PositiveSmallIntegerField("tahun")
    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="goals", verbose_name="unit")
    agency_goal = models.ForeignKey(
        Goal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="unit_goals",
        verbose_name="sasaran strategis",
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="sasaran program",
    )
    code = models.CharField("kode", max_length=30)
    statement = models.TextField("uraian sasaran", max_length=1000)
    order = models.PositiveSmallIntegerField("urutan", default=0)
    budget_items = models.ManyToManyField(
        BudgetItem, through="UnitBudgetLink", related_name="unit_goals", blank=True, verbose_name="program/kegiatan"
    )

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "sasaran unit"
        verbose_name_plural = "sasaran unit"
        ordering = ["agency", "year", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "code"], name="one_unit_goal_per_code"),
            # Under exactly one thing: an agency sasaran (eselon III) or a unit sasaran (IV).
            models.CheckConstraint(
                condition=Q(agency_goal__isnull=False, parent__isnull=True)
                | Q(agency_goal__isnull=True, parent__isnull=False),
                name="unit_goal_under_one_parent",
            ),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="unit_goal_not_its_own_parent"),
            _year_plausible("unit_goal_year"),
            text_length_limit("statement", 1000, "unit_goal"),
        ]

    def __str__(self):
        return f"{self.code} {self.statement}"

    @property
    def kind_label(self) -> str:
        return "Sasaran Program" if self.agency_goal_id else "Sasaran Kegiatan"


class UnitIndicator(models.Model):
    """An indicator of a unit sasaran, with the year's target."""

    class Rollup(models.TextChoices):
        SUM = engine.ROLLUP_SUM, "Jumlah keempat triwulan"
        LAST = engine.ROLLUP_LAST, "Triwulan terakhir yang terisi"
        AVERAGE = engine.ROLLUP_AVERAGE, "Rata-rata triwulan"

    goal = models.ForeignKey(UnitGoal, on_delete=models.CASCADE, related_name="indicators", verbose_name="sasaran")
    code = models.CharField("kode", max_length=30)
    name = models.TextField("nama indikator", max_length=500)
    unit = models.CharField("satuan", max_length=50, blank=True)
    polarity = models.CharField("polaritas", max_length=10, choices=Polarity.choices, default=Polarity.POSITIVE)
    rollup = models.CharField("rekap triwulan", max_length=10, choices=Rollup.choices, default=Rollup.LAST)
    target = ValueField("target tahunan", null=True, blank=True)
    order = models.PositiveSmallIntegerField("urutan", default=0)

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "indikator unit"
        verbose_name_plural = "indikator unit"
        ordering = ["goal", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "code"], name="one_unit_indicator_per_code"),
            text_length_limit("name", 500, "unit_indicator"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"


class UnitQuarter(models.Model):
    """One quarter of an indicator's Rencana Aksi: the quarter's target, the actions
    planned to reach it, and what was realised (empty: not known yet)."""

    indicator = models.ForeignKey(UnitIndicator, on_delete=models.CASCADE, related_name="quarters")
    quarter = models.PositiveSmallIntegerField("triwulan")
    target = ValueField("target triwulan", null=True, blank=True)
    actions = models.TextField("rencana aksi", max_length=2000, blank=True)
    realization = ValueField("realisasi triwulan", null=True, blank=True)

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "rencana aksi triwulan"
        verbose_name_plural = "rencana aksi triwulan"
        ordering = ["indicator", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "quarter"], name="one_plan_per_quarter"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="unit_quarter_1_to_4"),
            text_length_limit("actions", 2000, "unit_quarter"),
        ]

    def __str__(self):
        return f"{self.indicator.code} TW {self.quarter}"


class IndicatorQuarterPlan(models.Model):
    """The Rencana Aksi of one of the agency's own indicators (the head's PK, eselon II)
    in one quarter: the quarter's target and the actions planned. What was realised is
    the indicator's quarterly realisation, entered where every realisation is (the grid)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="quarter_plans")
    year = models.PositiveSmallIntegerField("tahun")
    quarter = models.PositiveSmallIntegerField("triwulan")
    target = ValueField("target triwulan", null=True, blank=True)
    actions = models.TextField("rencana aksi", max_length=2000, blank=True)

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "rencana aksi IKU"
        verbose_name_plural = "rencana aksi IKU"
        ordering = ["indicator", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "quarter"], name="one_iku_plan_per_quarter"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="iku_plan_quarter_1_to_4"),
            _year_plausible("iku_plan_year"),
            text_length_limit("actions", 2000, "iku_plan"),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.year} TW {self.quarter}"


class UnitBudgetLink(models.Model):
    """A program, kegiatan or sub-kegiatan that serves a unit sasaran."""

    goal = models.ForeignKey(UnitGoal, on_delete=models.CASCADE, related_name="budget_links")
    item = models.ForeignKey(BudgetItem, on_delete=models.CASCADE, related_name="unit_goal_links")

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "program/kegiatan sasaran unit"
        verbose_name_plural = "program/kegiatan sasaran unit"
        constraints = [models.UniqueConstraint(fields=["goal", "item"], name="one_link_per_unit_goal_item")]

    def __str__(self):
        return f"{self.goal.code} ← {self.item.code}"


# --- Perjanjian Kinerja per official ---------------------------------------------------


class Agreement(models.Model):
    """The Perjanjian Kinerja a unit head signs with their superior for one year.

    Revision 0 is the PK; each PK Perubahan is the next revision with its own targets,
    so the original stays as it was signed.
    """

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="unit_agreements")
    year = models.PositiveSmallIntegerField("tahun")
    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="agreements", verbose_name="unit")
    revision = models.PositiveSmallIntegerField("perubahan ke", default=0)
    reason = models.TextField("alasan perubahan", max_length=1000, blank=True)
    official_name = models.CharField("nama pihak pertama", max_length=200, blank=True)
    official_title = models.CharField("jabatan pihak pertama", max_length=255)
    official_rank = models.CharField("pangkat/golongan pihak pertama", max_length=200, blank=True)
    official_nip = models.CharField("NIP pihak pertama", max_length=30, blank=True)
    superior_name = models.CharField("nama pihak kedua", max_length=200, blank=True)
    superior_title = models.CharField("jabatan pihak kedua", max_length=255)
    superior_rank = models.CharField("pangkat/golongan pihak kedua", max_length=200, blank=True)
    superior_nip = models.CharField("NIP pihak kedua", max_length=30, blank=True)
    place = models.CharField("tempat", max_length=100, blank=True)
    signed_on = models.DateField("tanggal", null=True, blank=True)

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "perjanjian kinerja unit"
        verbose_name_plural = "perjanjian kinerja unit"
        ordering = ["agency", "year", "unit__code", "revision"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "revision"], name="one_agreement_per_unit_revision"),
            _year_plausible("agreement_year"),
            text_length_limit("reason", 1000, "agreement"),
        ]

    def __str__(self):
        return f"{self.title} {self.unit.name} {self.year}"

    @property
    def title(self) -> str:
        return "Perjanjian Kinerja Perubahan" if self.revision else "Perjanjian Kinerja"

    @property
    def official_nip_display(self) -> str:
        return format_nip(self.official_nip)

    @property
    def superior_nip_display(self) -> str:
        return format_nip(self.superior_nip)


class AgreementTarget(models.Model):
    """The target one PK promises for one indicator of the unit."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(UnitIndicator, on_delete=models.CASCADE, related_name="agreement_targets")
    target = ValueField("target PK", null=True, blank=True)

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "target PK unit"
        verbose_name_plural = "target PK unit"
        constraints = [models.UniqueConstraint(fields=["agreement", "indicator"], name="one_pk_target_per_indicator")]

    def __str__(self):
        return f"{self.indicator.code}: {self.target}"
