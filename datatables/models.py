"""Data tables an agency adds to a section of its report (sector statistics, data it
collects): a title, column headings, rows of cells, a unit and a source. Each is
numbered with the report's tables, in print order, and listed in the Daftar Tabel."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from agencies.models import Agency
from core.audit import AuditedChange
from indicators.models import Goal

from . import content
from .sections import TABLE_SECTIONS, SectionKey


class DataTable(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="data_tables", verbose_name="instansi")
    year = models.PositiveSmallIntegerField("tahun")
    code = models.CharField("kode", max_length=20, help_text="Pengenal tabel dalam workbook, mis. T1.")
    section = models.CharField("bagian laporan", max_length=30, choices=TABLE_SECTIONS)
    goal = models.ForeignKey(
        Goal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="data_tables",
        verbose_name="sasaran",
        help_text="Hanya untuk bagian Analisis per Sasaran.",
    )
    order = models.PositiveSmallIntegerField("urutan", default=1, help_text="Urutan di antara tabel bagian yang sama.")
    title = models.CharField("judul tabel", max_length=300)
    unit = models.CharField("satuan", max_length=100, blank=True, help_text="Mis. unit, orang, Rp juta.")
    source = models.CharField("sumber data", max_length=300, blank=True, help_text="Mis. BPS Kabupaten, 2020.")
    columns = models.JSONField("judul kolom", default=list)
    rows = models.JSONField("isi", default=list)

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "tabel data"
        verbose_name_plural = "tabel data"
        ordering = ["agency", "year", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "code"], name="one_data_table_per_code"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="data_table_year_plausible"),
            models.CheckConstraint(
                condition=Q(section=SectionKey.ANALISIS_SASARAN, goal__isnull=False)
                | (~Q(section=SectionKey.ANALISIS_SASARAN) & Q(goal__isnull=True)),
                name="only_goal_analysis_table_names_a_goal",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def body_rows(self) -> list[list[tuple[str, bool]]]:
        """Each row's cells with whether it reads as a number (set right-aligned)."""
        return [[(cell, content.is_number(cell)) for cell in row] for row in self.rows]

    @property
    def size_label(self) -> str:
        return f"{len(self.rows)} baris × {len(self.columns)} kolom"
