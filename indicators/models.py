from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from agencies.models import Agency, Region
from core.audit import AuditedChange
from core.fields import ValueField, text_length_limit

from . import capaian as engine
from .capaian import Flag


class RenstraPeriodQuerySet(models.QuerySet):
    def covering(self, year: int):
        return self.filter(start_year__lte=year, end_year__gte=year)


class RenstraPeriod(models.Model):
    """An agency's five-year strategic plan (Renstra) with its vision and missions."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="renstra_periods", verbose_name="instansi"
    )
    start_year = models.PositiveSmallIntegerField("tahun awal")
    end_year = models.PositiveSmallIntegerField("tahun akhir")
    vision = models.TextField("visi", max_length=2000, blank=True)

    objects = RenstraPeriodQuerySet.as_manager()

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "periode Renstra"
        verbose_name_plural = "periode Renstra"
        ordering = ["agency", "-start_year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "start_year"], name="one_renstra_per_agency_and_start"),
            text_length_limit("vision", 2000, "renstra"),
            models.CheckConstraint(condition=Q(end_year__gt=F("start_year")), name="renstra_ends_after_start"),
            models.CheckConstraint(
                condition=Q(start_year__gte=2000, start_year__lte=2100), name="renstra_start_plausible"
            ),
        ]

    def __str__(self):
        return f"Renstra {self.agency} {self.start_year}-{self.end_year}"

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)


class Mission(models.Model):
    """One mission (misi) of a Renstra period, in order."""

    period = models.ForeignKey(RenstraPeriod, on_delete=models.CASCADE, related_name="missions")
    order = models.PositiveSmallIntegerField("urutan")
    text = models.TextField("misi", max_length=1000)

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "misi"
        verbose_name_plural = "misi"
        ordering = ["period", "order"]
        constraints = [
            models.UniqueConstraint(fields=["period", "order"], name="one_mission_per_position"),
            text_length_limit("text", 1000, "mission"),
        ]

    def __str__(self):
        return f"Misi {self.order}"


class Goal(models.Model):
    """A tujuan (goal) or a sasaran strategis (objective) under a tujuan."""

    class Kind(models.TextChoices):
        TUJUAN = "tujuan", "Tujuan"
        SASARAN = "sasaran", "Sasaran"

    period = models.ForeignKey(
        RenstraPeriod, on_delete=models.CASCADE, related_name="goals", verbose_name="periode Renstra"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children", verbose_name="induk"
    )
    kind = models.CharField("jenis", max_length=10, choices=Kind.choices)
    code = models.CharField("kode", max_length=30)
    statement = models.TextField("uraian", max_length=1000)
    order = models.PositiveSmallIntegerField("urutan", default=0)

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "tujuan/sasaran"
        verbose_name_plural = "tujuan/sasaran"
        ordering = ["period", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["period", "code"], name="goal_code_unique_per_renstra"),
            text_length_limit("statement", 1000, "goal"),
            models.CheckConstraint(
                condition=Q(kind="sasaran") | Q(kind="tujuan", parent__isnull=True), name="tujuan_has_no_parent"
            ),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="goal_not_its_own_parent"),
        ]

    def __str__(self):
        return f"{self.code} {self.statement}"

    def clean(self):
        if self.parent_id and self.parent.period_id != self.period_id:
            raise ValidationError({"parent": "Induk harus berada pada periode Renstra yang sama."})
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": "Induk membentuk lingkaran."})
            ancestor = ancestor.parent


def goals_of_year(agency, year: int) -> models.QuerySet:
    """The tujuan and sasaran of the Renstra covering `year`, in plan order."""
    period = RenstraPeriod.objects.filter(agency=agency).covering(year).first()
    return Goal.objects.filter(period=period).order_by("order", "code") if period else Goal.objects.none()


class Indicator(models.Model):
    """A performance indicator (IKU) of a tujuan or sasaran."""

    class Polarity(models.TextChoices):
        POSITIVE = engine.POSITIVE, "Positif (makin tinggi makin baik)"
        NEGATIVE = engine.NEGATIVE, "Negatif (makin rendah makin baik)"

    class ValueKind(models.TextChoices):
        NUMBER = "number", "Angka"
        GRADE = "grade", "Predikat"

    class Calculation(models.TextChoices):
        DIRECT = engine.CALC_DIRECT, "Langsung (realisasi diisi)"
        RATIO = engine.CALC_RATIO, "Rasio (pembilang / penyebut x 100)"
        GROWTH = engine.CALC_GROWTH, "Pertumbuhan ((nilai N - nilai N-1) / nilai N-1 x 100)"

    class Rollup(models.TextChoices):
        SUM = engine.ROLLUP_SUM, "Jumlah"
        LAST = engine.ROLLUP_LAST, "Terakhir"
        AVERAGE = engine.ROLLUP_AVERAGE, "Rata-rata"

    period = models.ForeignKey(
        RenstraPeriod, on_delete=models.CASCADE, related_name="indicators", verbose_name="periode Renstra"
    )
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="indicators", verbose_name="tujuan/sasaran")
    code = models.CharField("kode", max_length=30)
    name = models.TextField("nama indikator", max_length=500)
    unit = models.CharField("satuan", max_length=50, blank=True)
    formula = models.TextField("formula", max_length=1000, blank=True)
    calculation = models.CharField(
        "cara menghitung", max_length=10, choices=Calculation.choices, default=Calculation.DIRECT
    )
    numerator_label = models.CharField("pembilang", max_length=255, blank=True)
    denominator_label = models.CharField("penyebut", max_length=255, blank=True)
    polarity = models.CharField("polaritas", max_length=10, choices=Polarity.choices, default=Polarity.POSITIVE)
    value_kind = models.CharField("jenis nilai", max_length=10, choices=ValueKind.choices, default=ValueKind.NUMBER)
    cumulative = models.BooleanField("kumulatif", default=False)
    allow_negative = models.BooleanField(
        "boleh bernilai negatif",
        default=False,
        help_text="Mis. pertumbuhan yang bisa turun. Bila tidak dicentang, nilai negatif ditolak saat diisi.",
    )
    quarter_rollup = models.CharField("rekap triwulan", max_length=10, choices=Rollup.choices, default=Rollup.LAST)
    end_target = ValueField(
        "target akhir Renstra",
        null=True,
        blank=True,
        help_text="Kosong = target Renstra tahun terakhir periode",
    )
    data_source = models.CharField("sumber data", max_length=255, blank=True)
    responsible_unit = models.CharField("penanggung jawab", max_length=255, blank=True)
    order = models.PositiveSmallIntegerField("urutan", default=0)

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "indikator"
        verbose_name_plural = "indikator"
        ordering = ["period", "goal__order", "goal__code", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["period", "code"], name="indicator_code_unique_per_renstra"),
            text_length_limit("name", 500, "indicator"),
            text_length_limit("formula", 1000, "indicator"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def clean(self):
        if self.goal_id and self.period_id and self.goal.period_id != self.period_id:
            raise ValidationError({"goal": "Tujuan/sasaran harus berada pada periode Renstra yang sama."})

    @property
    def is_grade(self) -> bool:
        return self.value_kind == self.ValueKind.GRADE

    @property
    def has_parts(self) -> bool:
        """Whether the realization is computed from a numerator and a denominator."""
        return self.calculation != self.Calculation.DIRECT

    # The methods below read `targets` and `realizations` through `.all()`, so a
    # caller that prefetches them runs no query per indicator. `result_for` also takes
    # them as lists, so values typed but not yet saved can be scored (live preview).

    @cached_property
    def target_list(self) -> list[Target]:
        """The (prefetched) targets as a list, built once: each `.all()` clones a
        queryset, which costs more than the scoring itself on a 200-row grid."""
        return list(self.targets.all())

    @cached_property
    def realization_list(self) -> list[Realization]:
        return list(self.realizations.all())

    def target_for(self, year: int, targets: list[Target] | None = None) -> Target | None:
        targets = self.target_list if targets is None else targets
        return next((t for t in targets if t.year == year), None)

    def renstra_end_target(self, targets: list[Target] | None = None) -> Decimal | None:
        """The target for the end of the Renstra period (for tingkat kemajuan)."""
        if self.end_target is not None:
            return self.end_target
        last = self.target_for(self.period.end_year, targets)
        return last.renstra if last else None

    def year_entries(self, realizations: list[Realization] | None = None) -> dict[int, engine.YearEntry]:
        """Yearly and quarterly realizations as the engine's inputs, by year."""
        realizations = self.realization_list if realizations is None else realizations
        by_year: dict[int, dict] = {}
        for row in realizations:
            slot = by_year.setdefault(row.year, {"quarters": [None, None, None, None]})
            if row.quarter:
                slot["quarters"][row.quarter - 1] = row.value
            else:
                slot.update(value=row.value, numerator=row.numerator, denominator=row.denominator)
        return {
            year: engine.YearEntry(
                value=slot.get("value"),
                numerator=slot.get("numerator"),
                denominator=slot.get("denominator"),
                quarters=tuple(slot["quarters"]),
            )
            for year, slot in by_year.items()
        }

    def result_for(
        self,
        year: int,
        context: ScoringContext | None = None,
        targets: list[Target] | None = None,
        realizations: list[Realization] | None = None,
    ) -> IndicatorResult:
        """Target, realization, capaian, predicate and flags of this indicator in `year`."""
        context = context or ScoringContext()
        targets = self.target_list if targets is None else targets
        realizations = self.realization_list if realizations is None else realizations
        target = self.target_for(year, targets)
        result = IndicatorResult(indicator=self, year=year)
        if self.value_kind == self.ValueKind.GRADE:
            realization = next((r for r in realizations if r.year == year and r.quarter is None), None)
            result.target_grade = target.effective_grade if target else None
            result.target_source = target.effective_source if target else None
            result.realization_grade = realization.grade if realization and realization.grade else None
            result.capaian = engine.grade_capaian(result.target_grade, result.realization_grade, context.grade_scale)
            for grade in (result.target_grade, result.realization_grade):
                if grade and not engine.grade_on_scale(grade, context.grade_scale):
                    result.flags.append(Flag("grade_not_on_scale", f"Predikat '{grade}' tidak ada pada skala."))
            if result.realization_grade is None:
                result.flags.append(Flag("realization_missing", "Realisasi belum diisi."))
            end = self.target_for(self.period.end_year, targets)
            result.end_target_grade = (end.renstra_grade or None) if end else None
            # Progress by rank on the grade scale, like the capaian of a grade.
            result.progress = engine.grade_capaian(
                result.end_target_grade, result.realization_grade, context.grade_scale
            )
        else:
            entries = self.year_entries(realizations)
            if target:
                result.target, result.target_upper = target.effective
                result.target_source = target.effective_source
            result.realization = engine.realization_to_date(
                entries,
                year,
                start_year=self.period.start_year,
                calculation=self.calculation,
                rollup=self.quarter_rollup,
                cumulative=self.cumulative,
            )
            result.capaian = engine.capaian(
                result.target, result.realization, self.polarity, context.negative_method, result.target_upper
            )
            result.end_target = self.renstra_end_target(targets)
            self._progress(result, entries, year, targets)
            result.flags.extend(self._value_flags(entries, year, result))
        band = engine.predicate(result.capaian, context.bands)
        result.predicate = band.label if band else None
        result.predicate_colour = band.colour if band else ""
        result.status = engine.target_status(result.capaian)
        return result

    def _progress(self, result: IndicatorResult, entries, year: int, targets: list[Target]) -> None:
        """Tingkat kemajuan, comparing like with like (see engine.progress_basis)."""
        if self.cumulative:  # the realization is already the sum to date
            basis = engine.PROGRESS_LEVEL if result.end_target is not None else None
        else:
            yearly = [t.renstra if (t := self.target_for(y, targets)) else None for y in self.period.years]
            basis = engine.progress_basis(result.end_target, yearly, stated=self.end_target is not None)
        if basis is None:
            if result.end_target is not None:
                result.flags.append(
                    Flag(
                        "progress_unclear",
                        "Target akhir Renstra bukan target tahun terakhir maupun jumlah target tahunan: "
                        "tingkat kemajuan tidak dihitung.",
                    )
                )
            return
        if basis == engine.PROGRESS_SUM:
            missing = engine.missing_years(entries, year, start_year=self.period.start_year)
            if missing:
                result.flags.append(
                    Flag(
                        "progress_years_missing",
                        "Target akhir Renstra adalah jumlah target tahunan, tetapi realisasi tahun "
                        f"{', '.join(map(str, missing))} belum diisi: tingkat kemajuan tidak dihitung.",
                    )
                )
                return
            result.progress_realization = engine.realization_to_date(
                entries,
                year,
                start_year=self.period.start_year,
                calculation=self.calculation,
                rollup=self.quarter_rollup,
                cumulative=True,
            )
        else:
            result.progress_realization = result.realization
        result.progress = engine.progress_to_end_target(result.progress_realization, result.end_target)

    def _value_flags(self, entries, year, result) -> list[Flag]:
        flags = []
        entry = entries.get(year)
        if result.realization is not None and result.target is None:
            flags.append(Flag("realization_without_target", "Ada realisasi tanpa target."))
        elif result.target == 0 and result.target_upper is None:
            flags.append(Flag("target_zero", "Target 0: capaian tidak dapat dihitung."))
        if result.realization is None:
            flags.append(Flag("realization_missing", "Realisasi belum diisi."))
        if result.capaian is not None and result.capaian > 200:
            flags.append(Flag("capaian_above_200", "Capaian di atas 200 %: periksa satuan."))
        if entry is not None:
            if engine.quarter_sum_differs(entry, self.quarter_rollup):
                flags.append(Flag("quarters_differ", "Rekap triwulan berbeda dengan realisasi tahunan."))
            if self.calculation == self.Calculation.RATIO:
                computed = engine.ratio(entry.numerator, entry.denominator)
                if engine.typed_differs_from_computed(entry.value, computed):
                    flags.append(
                        Flag(
                            "typed_differs_from_ratio",
                            "Realisasi yang diketik berbeda dengan pembilang / penyebut; yang dipakai hasil hitungan.",
                        )
                    )
        if self.cumulative:
            missing = engine.missing_years(entries, year, start_year=self.period.start_year)
            if missing:
                years = ", ".join(str(y) for y in missing)
                flags.append(Flag("cumulative_years_missing", f"Kumulatif: tahun belum diisi {years}."))
        return flags


@dataclass
class ScoringContext:
    """The region's rules used to score indicators (method, predicate bands, grades)."""

    negative_method: str = engine.NEGATIVE_GAP
    bands: tuple[engine.Band, ...] = engine.DEFAULT_BANDS
    grade_scale: tuple[str, ...] = engine.DEFAULT_GRADE_SCALE
    mean_cap: Decimal | None = engine.DEFAULT_MEAN_CAP

    @classmethod
    def for_region(cls, region: Region) -> ScoringContext:
        scale = PredicateScale.objects.for_region(region)
        if scale is None:
            return cls(negative_method=region.negative_method)
        cap = Decimal(scale.mean_cap) if scale.mean_cap is not None else None
        return cls(negative_method=region.negative_method, bands=scale.as_bands(), mean_cap=cap)


@dataclass
class IndicatorResult:
    """Everything the app shows about one indicator in one year."""

    indicator: Indicator
    year: int
    target: Decimal | None = None
    target_upper: Decimal | None = None
    target_grade: str | None = None
    target_source: str | None = None  # "PK Perubahan", "PK" or "Renstra": the target in force
    realization: Decimal | None = None
    realization_grade: str | None = None
    capaian: Decimal | None = None
    predicate: str | None = None
    predicate_colour: str = ""
    status: str | None = None
    end_target: Decimal | None = None
    end_target_grade: str | None = None
    progress_realization: Decimal | None = None  # what progress compares with the end target
    progress: Decimal | None = None
    flags: list[Flag] = field(default_factory=list)


class Target(models.Model):
    """An indicator's targets for one year: Renstra, PK and revised PK (PK Perubahan).

    A range target ("80-90") stores its upper bound in the `*_upper` field; a grade
    indicator stores its targets in the `*_grade` fields.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField("tahun")
    renstra = ValueField("target Renstra", null=True, blank=True)
    renstra_upper = ValueField("batas atas target Renstra", null=True, blank=True)
    agreement = ValueField("target PK", null=True, blank=True)
    agreement_upper = ValueField("batas atas target PK", null=True, blank=True)
    agreement_revised = ValueField("target PK perubahan", null=True, blank=True)
    agreement_revised_upper = ValueField("batas atas target PK perubahan", null=True, blank=True)
    renstra_grade = models.CharField("predikat target Renstra", max_length=10, blank=True)
    agreement_grade = models.CharField("predikat target PK", max_length=10, blank=True)
    agreement_revised_grade = models.CharField("predikat target PK perubahan", max_length=10, blank=True)

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "target"
        verbose_name_plural = "target"
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="one_target_per_indicator_and_year"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="target_year_plausible"),
        ]

    def __str__(self):
        return f"Target {self.indicator.code} {self.year}"

    @property
    def effective(self) -> tuple[Decimal | None, Decimal | None]:
        """(target, upper bound) that counts for capaian: revised PK, else PK, else Renstra."""
        for value, upper in (
            (self.agreement_revised, self.agreement_revised_upper),
            (self.agreement, self.agreement_upper),
            (self.renstra, self.renstra_upper),
        ):
            if value is not None:
                return value, upper
        return None, None

    @property
    def effective_grade(self) -> str | None:
        return self.agreement_revised_grade or self.agreement_grade or self.renstra_grade or None

    @property
    def effective_source(self) -> str | None:
        """Which target `effective` (or `effective_grade`) comes from, as the report names it."""
        for label, value, grade in (
            ("PK Perubahan", self.agreement_revised, self.agreement_revised_grade),
            ("PK", self.agreement, self.agreement_grade),
            ("Renstra", self.renstra, self.renstra_grade),
        ):
            if value is not None or grade:
                return label
        return None


class IndicatorAnalysis(models.Model):
    """What staff write about one indicator in one year's report (PermenPAN-RB 53/2014,
    BAB III): the standard it is measured against, the causes of its success or
    failure, the obstacles, and the solutions. The comparison with the standard is
    computed, never typed."""

    class Level(models.TextChoices):
        NATIONAL = "nasional", "Nasional"
        PROVINCIAL = "provinsi", "Provinsi"
        OTHER = "lainnya", "Lainnya"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="analyses")
    year = models.PositiveSmallIntegerField("tahun")
    standard = ValueField("nilai standar", null=True, blank=True)
    standard_level = models.CharField("tingkat standar", max_length=10, choices=Level.choices, blank=True)
    standard_source = models.CharField("sumber standar", max_length=255, blank=True)
    standard_year = models.PositiveSmallIntegerField("tahun standar", null=True, blank=True)
    causes = models.TextField("penyebab keberhasilan/kegagalan", max_length=3000, blank=True)
    obstacles = models.TextField("kendala", max_length=3000, blank=True)
    solutions = models.TextField("solusi dan tindak lanjut", max_length=3000, blank=True)

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "analisis indikator"
        verbose_name_plural = "analisis indikator"
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="one_analysis_per_indicator_and_year"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="analysis_year_plausible"),
            models.CheckConstraint(
                condition=Q(standard_year__isnull=True) | Q(standard_year__gte=1990, standard_year__lte=2100),
                name="analysis_standard_year_plausible",
            ),
            text_length_limit("causes", 3000, "analysis"),
            text_length_limit("obstacles", 3000, "analysis"),
            text_length_limit("solutions", 3000, "analysis"),
        ]

    def __str__(self):
        return f"Analisis {self.indicator.code} {self.year}"

    @property
    def standard_label(self) -> str:
        """'standar nasional' / 'standar provinsi' / 'standar'."""
        return (
            f"standar {self.get_standard_level_display().lower()}"
            if self.standard_level in ("nasional", "provinsi")
            else "standar"
        )


class Realization(models.Model):
    """What was achieved: for a whole year (quarter empty) or for one quarter (TW 1-4)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="realizations")
    year = models.PositiveSmallIntegerField("tahun")
    quarter = models.PositiveSmallIntegerField("triwulan", null=True, blank=True, help_text="Kosong = tahunan")
    value = ValueField("realisasi", null=True, blank=True)
    grade = models.CharField("predikat", max_length=10, blank=True)
    numerator = ValueField("nilai pembilang", null=True, blank=True)
    denominator = ValueField("nilai penyebut", null=True, blank=True)
    note = models.TextField("keterangan", max_length=1000, blank=True)

    history = HistoricalRecords(bases=[AuditedChange])

    class Meta:
        verbose_name = "realisasi"
        verbose_name_plural = "realisasi"
        ordering = ["indicator", "year", "quarter"]
        constraints = [
            text_length_limit("note", 1000, "realization"),
            models.UniqueConstraint(
                fields=["indicator", "year"], condition=Q(quarter__isnull=True), name="one_yearly_realization"
            ),
            models.UniqueConstraint(
                fields=["indicator", "year", "quarter"],
                condition=Q(quarter__isnull=False),
                name="one_realization_per_quarter",
            ),
            models.CheckConstraint(
                condition=Q(quarter__isnull=True) | Q(quarter__gte=1, quarter__lte=4), name="quarter_between_1_and_4"
            ),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="realization_year_plausible"),
        ]

    def __str__(self):
        period = f"TW{self.quarter}" if self.quarter else "tahunan"
        return f"Realisasi {self.indicator.code} {self.year} {period}"


class PredicateScaleQuerySet(models.QuerySet):
    def for_region(self, region: Region | None) -> PredicateScale | None:
        """The region's own scale, else the default scale."""
        scales = self.prefetch_related("bands")
        if region is not None:
            own = scales.filter(region=region).first()
            if own:
                return own
        return scales.filter(region__isnull=True, is_default=True).first()


class PredicateScale(models.Model):
    """A named scale that turns a capaian into a predicate (e.g. Sangat Tinggi)."""

    name = models.CharField("nama", max_length=100, unique=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="predicate_scales",
        verbose_name="pemda",
        help_text="Kosong = berlaku untuk semua daerah",
    )
    is_default = models.BooleanField("bawaan", default=False)
    mean_cap = models.PositiveSmallIntegerField(
        "batas capaian dalam rata-rata (%)",
        null=True,
        blank=True,
        default=100,
        choices=[(100, "100 %"), (110, "110 %"), (120, "120 %"), (150, "150 %")],
        help_text="Dalam rata-rata sasaran dan instansi, capaian di atas batas ini dihitung sebesar batas. "
        "Kosong = tanpa batas.",
    )

    objects = PredicateScaleQuerySet.as_manager()

    class Meta:
        verbose_name = "skala predikat"
        verbose_name_plural = "skala predikat"
        constraints = [
            models.UniqueConstraint(fields=["region"], name="one_scale_per_region"),
            models.UniqueConstraint(fields=["is_default"], condition=Q(is_default=True), name="only_one_default_scale"),
        ]

    def __str__(self):
        return self.name

    def as_bands(self) -> tuple[engine.Band, ...]:
        return tuple(engine.Band(b.minimum, b.label, b.colour) for b in self.bands.all())


class PredicateBand(models.Model):
    """One band of a predicate scale: capaian at or above `minimum` gets `label`."""

    scale = models.ForeignKey(PredicateScale, on_delete=models.CASCADE, related_name="bands")
    minimum = ValueField("batas bawah (%)", null=True, blank=True, help_text="Kosong = tanpa batas bawah")
    label = models.CharField("predikat", max_length=50)
    colour = models.CharField(
        "warna",
        max_length=20,
        blank=True,
        choices=[(c, c) for c in ("success", "primary", "info", "warning", "danger", "secondary")],
    )

    class Meta:
        verbose_name = "rentang predikat"
        verbose_name_plural = "rentang predikat"
        ordering = ["scale", "-minimum"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "label"], name="band_label_unique_per_scale"),
            models.UniqueConstraint(fields=["scale", "minimum"], name="band_minimum_unique_per_scale"),
        ]

    def __str__(self):
        return self.label
