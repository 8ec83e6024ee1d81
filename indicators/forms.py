from __future__ import annotations

from django import forms
from django.forms import inlineformset_factory

from core.numbers import NumberFormatError, parse_number

from .models import Goal, Indicator, Mission, RenstraPeriod
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

    def __init__(self, *args, indicators: dict[int, Indicator], **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
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
        return cleaned
