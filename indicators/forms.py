from __future__ import annotations

from decimal import Decimal

from django import forms
from django.forms import inlineformset_factory

from core.numbers import NumberFormatError, format_number, parse_number

from . import capaian as engine
from .models import Goal, Indicator, IndicatorAnalysis, Mission, RenstraPeriod
from .values import check_value, parse_target, value_field


class RenstraPeriodForm(forms.ModelForm):
    class Meta:
        model = RenstraPeriod
        fields = ["start_year", "end_year", "vision"]
        widgets = {"vision": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.instance.agency = agency

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end:
            if not 2000 <= start <= 2100:
                self.add_error("start_year", "Tahun awal harus antara 2000 dan 2100.")
            if end <= start:
                self.add_error("end_year", "Tahun akhir harus sesudah tahun awal.")
            overlapping = RenstraPeriod.objects.filter(agency=self.agency, start_year__lte=end, end_year__gte=start)
            if self.instance.pk:
                overlapping = overlapping.exclude(pk=self.instance.pk)
            if overlapping.exists():
                self.add_error("start_year", "Periode ini bertumpang tindih dengan periode Renstra lain.")
        return cleaned


MissionFormSet = inlineformset_factory(
    RenstraPeriod,
    Mission,
    fields=["order", "text"],
    extra=1,
    can_delete=True,
    widgets={"text": forms.Textarea(attrs={"rows": 2})},
)


class CodeUniqueInPeriodMixin:
    """The code must be unique in the Renstra period (the period is not a form field)."""

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        others = type(self.instance).objects.filter(period=self.instance.period, code__iexact=code)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(f"Kode {code} sudah dipakai pada periode Renstra ini.")
        return code


class GoalForm(CodeUniqueInPeriodMixin, forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["kind", "code", "parent", "statement", "order"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, period: RenstraPeriod, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.period = period
        parents = Goal.objects.filter(period=period)
        if self.instance.pk:
            parents = parents.exclude(pk__in=[self.instance.pk, *self.instance_descendants()])
        self.fields["parent"].queryset = parents
        self.fields["parent"].required = False

    def instance_descendants(self) -> list[int]:
        found, frontier = [], [self.instance.pk]
        while frontier:
            frontier = list(Goal.objects.filter(parent__in=frontier).values_list("pk", flat=True))
            found.extend(frontier)
        return found

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Goal.Kind.TUJUAN and cleaned.get("parent"):
            self.add_error("parent", "Tujuan tidak mempunyai induk; kosongkan atau pilih jenis Sasaran.")
        return cleaned


class IndicatorForm(CodeUniqueInPeriodMixin, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "goal",
            "code",
            "name",
            "unit",
            "value_kind",
            "polarity",
            "calculation",
            "formula",
            "numerator_label",
            "denominator_label",
            "cumulative",
            "allow_negative",
            "quarter_rollup",
            "end_target",
            "data_source",
            "responsible_unit",
            "order",
        ]
        widgets = {"name": forms.Textarea(attrs={"rows": 2}), "formula": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, period: RenstraPeriod, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.period = period
        self.fields["goal"].queryset = Goal.objects.filter(period=period)

    def clean(self):
        cleaned = super().clean()
        calculation = cleaned.get("calculation")
        if cleaned.get("value_kind") == Indicator.ValueKind.GRADE and calculation != Indicator.Calculation.DIRECT:
            self.add_error("calculation", "Indikator predikat hanya dapat diisi langsung.")
        if calculation == Indicator.Calculation.RATIO:
            for name in ("numerator_label", "denominator_label"):
                if not cleaned.get(name):
                    self.add_error(name, "Wajib diisi untuk indikator rasio.")
        return cleaned


class TargetRowForm(forms.Form):
    """One year of an indicator's targets in the Renstra target table."""

    year = forms.IntegerField(widget=forms.HiddenInput)
    loaded = forms.CharField(widget=forms.HiddenInput, required=False)  # the cells as the page loaded them
    renstra = forms.CharField(label="Target Renstra", required=False)
    agreement = forms.CharField(label="Target PK", required=False)
    agreement_revised = forms.CharField(label="Target PK Perubahan", required=False)

    def __init__(self, *args, indicator: Indicator, years: range, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator, self.years = indicator, years

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year not in self.years:
            raise forms.ValidationError("Tahun di luar periode Renstra.")
        return year

    def _parse(self, name):
        return parse_target(self.cleaned_data.get(name, ""), self.indicator.value_kind == Indicator.ValueKind.GRADE)

    def clean_renstra(self):
        return self._parse("renstra")

    def clean_agreement(self):
        return self._parse("agreement")

    def clean_agreement_revised(self):
        return self._parse("agreement_revised")


class GridRowForm(forms.Form):
    """One indicator's row in the targets and realizations grid of a year."""

    indicator_id = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    target = forms.CharField(label="Target PK", required=False)
    target_revised = forms.CharField(label="Target PK Perubahan", required=False)
    tw1 = value_field("TW I")
    tw2 = value_field("TW II")
    tw3 = value_field("TW III")
    tw4 = value_field("TW IV")
    realization = forms.CharField(label="Realisasi", required=False)
    numerator = value_field("Pembilang")
    denominator = value_field("Penyebut")
    note = forms.CharField(label="Keterangan", required=False, max_length=2000)

    def __init__(self, *args, indicators: dict[int, Indicator], changed: set[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        # The cells the user changed (None: all). Values already stored are not re-judged:
        # a value imported before a rule existed must not block saving another cell.
        self.changed = changed
        self.indicator = None
        for name in ("target", "target_revised", "realization"):
            self.fields[name].widget.attrs.update(autocomplete="off", inputmode="decimal")

    def clean_indicator_id(self):
        indicator = self.indicators.get(self.cleaned_data["indicator_id"])
        if indicator is None:
            # A tampered id (another agency's indicator, or none at all).
            raise forms.ValidationError("Indikator tidak dikenal untuk instansi dan tahun ini.")
        self.indicator = indicator
        return indicator.pk

    @property
    def is_grade(self) -> bool:
        return self.indicator is not None and self.indicator.is_grade

    def unshown_errors(self) -> list[str]:
        """Errors of cells the grid does not show for this indicator (only a crafted
        request can fill them), so they still reach the user."""
        indicator = self.indicator
        if indicator is None:
            return []
        hidden = set()
        if indicator.is_grade:
            hidden |= {"tw1", "tw2", "tw3", "tw4", "numerator", "denominator"}
        if not indicator.has_parts:
            hidden |= {"numerator", "denominator"}
        return [str(e) for name in sorted(hidden) for e in self.errors.get(name, [])]

    def clean(self):
        cleaned = super().clean()
        if self.indicator is None:
            return cleaned
        for name in ("target", "target_revised"):
            try:
                cleaned[name] = parse_target(cleaned.get(name, ""), self.is_grade)
            except forms.ValidationError as error:
                self.add_error(name, error)
        text = (cleaned.get("realization") or "").strip()
        cleaned["realization_grade"], cleaned["realization_value"] = "", None
        try:
            if self.is_grade:
                cleaned["realization_grade"] = parse_target(text, True).grade
            else:
                cleaned["realization_value"] = check_value(parse_number(text), "Realisasi")
        except NumberFormatError:
            self.add_error("realization", "Masukkan angka, misalnya 1.234,5 atau 1234.5.")
        except forms.ValidationError as error:
            self.add_error("realization", error)
        if self.is_grade:
            for name in ("tw1", "tw2", "tw3", "tw4", "numerator", "denominator"):
                if cleaned.get(name) is not None:
                    self.add_error(name, "Indikator predikat tidak memakai isian angka ini.")
        if cleaned.get("denominator") == 0 and self.indicator.calculation != Indicator.Calculation.DIRECT:
            self.add_error("denominator", "Penyebut tidak boleh 0.")
        if not self.indicator.allow_negative:
            self._refuse_negatives(cleaned)
        self._refuse_typed_ratio(cleaned)
        return cleaned

    def _refuse_negatives(self, cleaned) -> None:
        """A count, a percentage or a rupiah amount cannot be below zero: a minus sign
        there is a typing error, stopped where it is typed."""
        message = (
            "Nilai negatif tidak mungkin untuk indikator ini. Bila memang bisa negatif (mis. pertumbuhan), centang "
            "'Boleh bernilai negatif' pada pengaturan indikator."
        )
        for name in ("tw1", "tw2", "tw3", "tw4", "numerator", "denominator", "realization_value"):
            cell = "realization" if name == "realization_value" else name
            value = cleaned.get(name)
            if value is not None and value < 0 and cell not in self.errors and self._was_changed(cell):
                self.add_error(cell, message)
        for name in ("target", "target_revised"):
            target = cleaned.get(name)
            negative = getattr(target, "value", None) is not None and target.value < 0
            if negative and name not in self.errors and self._was_changed(name):
                self.add_error(name, message)

    def _was_changed(self, *cells: str) -> bool:
        return self.changed is None or any(cell in self.changed for cell in cells)

    def _refuse_typed_ratio(self, cleaned) -> None:
        """On a ratio indicator with both parts given, the realisasi is computed: a
        different typed value would be stored and silently ignored."""
        numerator, denominator = cleaned.get("numerator"), cleaned.get("denominator")
        typed = cleaned.get("realization_value")
        if self.indicator.calculation != Indicator.Calculation.RATIO or typed is None:
            return
        if not self._was_changed("realization", "numerator", "denominator") or "realization" in self.errors:
            return
        if numerator is None or denominator in (None, 0):
            return
        computed = engine.ratio(numerator, denominator)
        if abs(typed - computed) >= Decimal("0.005"):
            shown = format_number(computed, places=2)
            self.add_error(
                "realization",
                f"Realisasi indikator rasio dihitung dari pembilang dan penyebut ({shown}); kosongkan sel ini.",
            )


class IndicatorAnalysisForm(forms.ModelForm):
    """BAB III's analysis of one indicator in one year. A standard must say where it
    comes from: a reader has to be able to check it."""

    class Meta:
        model = IndicatorAnalysis
        fields = [
            "standard",
            "standard_level",
            "standard_source",
            "standard_year",
            "causes",
            "obstacles",
            "solutions",
        ]
        widgets = {
            "causes": forms.Textarea(attrs={"rows": 4}),
            "obstacles": forms.Textarea(attrs={"rows": 3}),
            "solutions": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "standard": "Misalnya standar pelayanan minimal atau angka rata-rata nasional/provinsi. "
            "Kosongkan bila tidak ada.",
            "causes": "Paragraf dipisah baris kosong. Bila kosong, laporan mencetak capaiannya dan keterangan "
            "bahwa penyebab belum diuraikan.",
        }

    def __init__(self, *args, indicator: Indicator, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.indicator, self.instance.year = indicator, year
        if indicator.is_grade:  # a grade has no numeric standard to compare against
            for name in ("standard", "standard_level", "standard_source", "standard_year"):
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("standard") is not None:
            if not cleaned.get("standard_level"):
                self.add_error("standard_level", "Pilih tingkat standar (nasional, provinsi atau lainnya).")
            if not (cleaned.get("standard_source") or "").strip():
                self.add_error("standard_source", "Sebutkan sumber standar agar pembaca dapat memeriksanya.")
        elif any(cleaned.get(n) for n in ("standard_level", "standard_source", "standard_year")):
            self.add_error("standard", "Isi nilai standarnya, atau kosongkan tingkat, sumber dan tahunnya.")
        return cleaned
