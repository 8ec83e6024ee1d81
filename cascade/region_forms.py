from __future__ import annotations

from django import forms

from core.forms import IndonesianDecimalField

from .models import RegionGoal, RegionIndicator, RegionMission, RegionPlan


class RegionPlanForm(forms.ModelForm):
    missions = forms.CharField(
        label="Misi",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Satu misi per baris, berurutan.",
    )

    class Meta:
        model = RegionPlan
        fields = ["name", "start_year", "end_year", "vision"]
        widgets = {"vision": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["missions"] = "\n".join(m.text for m in self.instance.missions.order_by("order"))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and not (2000 <= start <= end <= 2100):
            self.add_error("end_year", "Tahun akhir harus sama atau sesudah tahun awal (2000-2100).")
        elif start and end:
            overlapping = RegionPlan.objects.filter(
                region=self.instance.region, start_year__lte=end, end_year__gte=start
            ).exclude(pk=self.instance.pk)
            if overlapping.exists():
                self.add_error("start_year", "Periode ini beririsan dengan RPJMD lain pemda ini.")
        return cleaned

    def save(self, commit=True):
        plan = super().save()
        lines = [line.strip() for line in self.cleaned_data["missions"].splitlines() if line.strip()]
        plan.missions.all().delete()
        for order, text in enumerate(lines, start=1):
            RegionMission.objects.create(plan=plan, order=order, text=text[:1000])
        return plan


class RegionGoalForm(forms.ModelForm):
    class Meta:
        model = RegionGoal
        fields = ["kind", "parent", "code", "statement", "order"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = RegionGoal.objects.filter(plan=self.instance.plan, kind=RegionGoal.Kind.TUJUAN)
        self.fields["parent"].queryset = parents.exclude(pk=self.instance.pk)

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        taken = RegionGoal.objects.filter(plan=self.instance.plan, code__iexact=code).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(f"Kode {code} sudah dipakai di RPJMD ini.")
        return code


class RegionIndicatorForm(forms.ModelForm):
    class Meta:
        model = RegionIndicator
        fields = ["code", "name", "unit", "polarity", "order"]
        widgets = {"name": forms.Textarea(attrs={"rows": 2})}

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        taken = RegionIndicator.objects.filter(goal=self.instance.goal, code__iexact=code).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(f"Kode {code} sudah dipakai indikator lain sasaran ini.")
        return code


class RegionValuesForm(forms.Form):
    """The target and realisation of every indicator of the plan in one year."""

    def __init__(self, *args, indicators=(), stored=None, **kwargs):
        super().__init__(*args, **kwargs)
        stored = stored or {}
        self.indicators = list(indicators)
        for indicator in self.indicators:
            row = stored.get(indicator.pk)
            for part in ("target", "realization"):
                name = f"{part}_{indicator.pk}"
                label = "Target" if part == "target" else "Realisasi"
                self.fields[name] = IndonesianDecimalField(
                    label=f"{label} {indicator.code}", required=False, max_digits=18, decimal_places=4
                )
                self.initial[name] = getattr(row, part, None)

    def rows(self):
        return [(i, self[f"target_{i.pk}"], self[f"realization_{i.pk}"]) for i in self.indicators]
