from __future__ import annotations

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from agencies.models import Agency, Region
from core.audit import AuditedChange
from core.fields import MoneyField, ValueField, text_length_limit
from indicators.models import Goal

from .money import has_spending_split


class FundingSourceQuerySet(models.QuerySet):
    def for_region(self, region) -> models.QuerySet:
        """The sources every region has, and this region's own."""
        return self.filter(Q(region__isnull=True) | Q(region=region))


class FundingSource(models.Model):
    """Where money comes from (sumber dana): APBD, DAU, DAK, DBHCHT, APBN ..."""

    code = models.CharField("kode", max_length=30, unique=True)
    name = models.CharField("nama", max_length=200)
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="funding_sources",
        verbose_name="pemda",
        help_text="Kosong = dipakai semua daerah",
    )

    objects = FundingSourceQuerySet.as_manager()

    class Meta:
        verbose_name = "sumber dana"
        verbose_name_plural = "sumber dana"
        ordering = ["code"]

    def __str__(self):
        return self.code

    @staticmethod
    def match_key(text: str) -> str:
        """How a workbook names a source: code or name, any case, any spacing or
        punctuation ("Pajak Rokok" = "PAJAK_ROKOK")."""
        return re.sub(r"[^0-9a-z]", "", text.casefold())


class BudgetItem(models.Model):
    """A program, kegiatan or sub-kegiatan of an agency's budget for one year."""

    class Level(models.TextChoices):
        PROGRAM = "program", "Program"
        KEGIATAN = "kegiatan", "Kegiatan"
        SUB_KEGIATAN = "sub_kegiatan", "Sub Kegiatan"
        # An agency-level amount the budget does not itemize per program (e.g. belanja
        # tidak langsung given as one figure): counted in the totals, printed as such.
        UNITEMIZED = "tidak_dirinci", "Belanja Tidak Dirinci"

    class SpendingType(models.TextChoices):
        DIRECT = "langsung", "Belanja Langsung"
        INDIRECT = "tidak_langsung", "Belanja Tidak Langsung"

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="budget_items", verbose_name="instansi")
    year = models.PositiveSmallIntegerField("tahun")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children", verbose_name="induk"
    )
    level = models.CharField("jenis", max_length=15, choices=Level.choices)
    code = models.CharField("kode", max_length=50)
    name = models.TextField("nama", max_length=500)
    spending_type = models.CharField(
        "jenis belanja", max_length=15, choices=SpendingType.choices, default=SpendingType.DIRECT
    )
    goals = models.ManyToManyField(
        Goal, through="BudgetItemGoal", related_name="budget_items", blank=True, verbose_name="sasaran yang didukung"
    )
    indicator_name = models.TextField("indikator", max_length=500, blank=True)
    indicator_unit = models.CharField("satuan indikator", max_length=50, blank=True)
    indicator_target = ValueField("target indikator", null=True, blank=True)
    indicator_realization = ValueField("realisasi indikator", null=True, blank=True)
    order = models.PositiveIntegerField("urutan", default=0)

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "program/kegiatan"
        verbose_name_plural = "program/kegiatan"
        ordering = ["agency", "year", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "code"], name="budget_code_unique_per_agency_year"),
            text_length_limit("name", 500, "budget_item"),
            text_length_limit("indicator_name", 500, "budget_item"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="budget_year_plausible"),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="budget_item_not_its_own_parent"),
            models.CheckConstraint(
                condition=Q(indicator_target__isnull=True) | Q(indicator_target__gte=0),
                name="budget_indicator_target_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def supported_goal_codes(self) -> str:
        """The codes of the sasaran this line supports ("SS1, SS2"); reads prefetched links."""
        return ", ".join(link.goal.code for link in self.goal_links.all())

    def clean(self):
        if self.parent_id:
            if self.parent.agency_id != self.agency_id or self.parent.year != self.year:
                raise ValidationError({"parent": "Induk harus dari instansi dan tahun yang sama."})
            ancestor = self.parent
            while ancestor is not None:
                if ancestor.pk == self.pk:
                    raise ValidationError({"parent": "Induk membentuk lingkaran."})
                ancestor = ancestor.parent


class BudgetItemGoal(models.Model):
    """One sasaran a program, kegiatan or sub-kegiatan supports (a line may support several).

    Written row by row through `set_supported_goals`, never with `.set()`: a bulk M2M
    write sends no save/delete signal, so the lock, the data version and the history
    would not see it."""

    item = models.ForeignKey(BudgetItem, on_delete=models.CASCADE, related_name="goal_links")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="budget_links", verbose_name="sasaran")

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "sasaran yang didukung"
        verbose_name_plural = "sasaran yang didukung"
        ordering = ["item", "goal__order", "goal__code"]
        constraints = [models.UniqueConstraint(fields=["item", "goal"], name="one_link_per_item_and_goal")]

    def __str__(self):
        return f"{self.item.code} → {self.goal.code}"

    def clean(self):
        period = self.goal.period
        if period.agency_id != self.item.agency_id or not period.start_year <= self.item.year <= period.end_year:
            raise ValidationError({"goal": "Sasaran harus dari Renstra instansi ini yang mencakup tahun anggaran."})


def set_supported_goals(item: BudgetItem, goals) -> None:
    """Make `item` support exactly `goals`, one row at a time (see BudgetItemGoal)."""
    wanted = {goal.pk: goal for goal in goals}
    for link in item.goal_links.all():
        if link.goal_id in wanted:
            del wanted[link.goal_id]
        else:
            link.delete()
    for goal in wanted.values():
        BudgetItemGoal.objects.create(item=item, goal=goal)


class BudgetAllocation(models.Model):
    """The money of one budget item from one funding source: pagu and realisasi."""

    item = models.ForeignKey(BudgetItem, on_delete=models.CASCADE, related_name="allocations")
    source = models.ForeignKey(
        FundingSource, on_delete=models.PROTECT, related_name="allocations", verbose_name="sumber dana"
    )
    pagu = MoneyField("pagu")
    # Empty = not known yet (never read as 0): totals over it are partial.
    realisasi = MoneyField("realisasi", null=True, blank=True)
    realisasi_tw1 = MoneyField("realisasi TW I", null=True, blank=True)
    realisasi_tw2 = MoneyField("realisasi TW II", null=True, blank=True)
    realisasi_tw3 = MoneyField("realisasi TW III", null=True, blank=True)
    realisasi_tw4 = MoneyField("realisasi TW IV", null=True, blank=True)

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "anggaran per sumber dana"
        verbose_name_plural = "anggaran per sumber dana"
        ordering = ["item", "source"]
        constraints = [
            models.UniqueConstraint(fields=["item", "source"], name="one_allocation_per_item_and_source"),
            models.CheckConstraint(condition=Q(pagu__gte=0), name="pagu_not_negative"),
            models.CheckConstraint(condition=Q(realisasi__gte=0), name="realisasi_not_negative"),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"realisasi_tw{q}__isnull": True}) | Q(**{f"realisasi_tw{q}__gte": 0}),
                    name=f"realisasi_tw{q}_not_negative",
                )
                for q in range(1, 5)
            ],
        ]

    def __str__(self):
        return f"{self.item.code} {self.source}"

    @property
    def quarters(self) -> tuple[Decimal | None, ...]:
        return (self.realisasi_tw1, self.realisasi_tw2, self.realisasi_tw3, self.realisasi_tw4)


class BudgetYear(models.Model):
    """How an agency's budget of one year is classified: with the belanja langsung /
    tidak langsung split (before Permendagri 90/2019) or without it."""

    class Nomenclature(models.TextChoices):
        SPLIT = "bl_btl", "Belanja langsung / tidak langsung (sebelum Permendagri 90/2019)"
        PERMENDAGRI_90 = "p90", "Program / kegiatan / sub-kegiatan tanpa BL/BTL (Permendagri 90/2019)"

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="budget_years", verbose_name="instansi")
    year = models.PositiveSmallIntegerField("tahun")
    nomenclature = models.CharField(
        "nomenklatur anggaran",
        max_length=10,
        choices=Nomenclature.choices,
        blank=True,
        help_text="Kosong = menurut tahun anggaran: dengan BL/BTL sebelum 2021, tanpa sejak 2021.",
    )

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "pengaturan anggaran tahunan"
        verbose_name_plural = "pengaturan anggaran tahunan"
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="one_budget_year_per_agency")]

    def __str__(self):
        return f"{self.agency} {self.year}"


def spending_split_for(agency_id: int, year: int) -> bool:
    """Whether the agency's budget of `year` has the BL/BTL split: as set, else by year."""
    chosen = BudgetYear.objects.filter(agency_id=agency_id, year=year).values_list("nomenclature", flat=True).first()
    if chosen:
        return chosen == BudgetYear.Nomenclature.SPLIT
    return has_spending_split(year)
