from __future__ import annotations

from django import forms

from budget.models import BudgetItem
from core.forms import IndonesianDecimalField
from indicators.models import Goal

from .levels import DIVISION, unit_level
from .models import Agreement, RegionGoal, UnitGoal, UnitIndicator
from .scoring import QUARTERS


class UnitGoalForm(forms.ModelForm):
    """A unit sasaran: under an agency sasaran (eselon III) or under a sasaran program
    of the unit above (eselon IV), with the program/kegiatan that serve it."""

    items = forms.ModelMultipleChoiceField(
        label="Program/kegiatan yang mendukung",
        queryset=BudgetItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Centang program, kegiatan atau sub kegiatan yang dilaksanakan untuk sasaran ini.",
    )

    class Meta:
        model = UnitGoal
        fields = ["agency_goal", "parent", "code", "statement", "order"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        goal = self.instance
        unit, agency, year = goal.unit, goal.agency, goal.year
        self.is_division = unit_level(unit) == DIVISION
        if self.is_division:
            del self.fields["parent"]
            self.fields["agency_goal"].queryset = Goal.objects.filter(
                period__agency=agency, period__start_year__lte=year, period__end_year__gte=year, kind=Goal.Kind.SASARAN
            ).order_by("order", "code")
            self.fields["agency_goal"].required = True
        else:
            del self.fields["agency_goal"]
            self.fields["parent"].queryset = UnitGoal.objects.filter(
                agency=agency, year=year, unit_id=unit.parent_id
            ).order_by("order", "code")
            self.fields["parent"].required = True
            self.fields["parent"].help_text = "Sasaran program unit atasan yang didukung sasaran ini."
        self.fields["items"].queryset = BudgetItem.objects.filter(agency=agency, year=year).exclude(
            level=BudgetItem.Level.UNITEMIZED
        )
        if goal.pk:
            self.initial["items"] = [link.item_id for link in goal.budget_links.all()]

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        taken = UnitGoal.objects.filter(agency=self.instance.agency, year=self.instance.year, code__iexact=code)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"Kode {code} sudah dipakai sasaran unit lain tahun ini.")
        return code


class UnitIndicatorForm(forms.ModelForm):
    class Meta:
        model = UnitIndicator
        fields = ["code", "name", "unit", "polarity", "rollup", "target", "order"]
        widgets = {"name": forms.Textarea(attrs={"rows": 2})}

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        taken = UnitIndicator.objects.filter(goal=self.instance.goal, code__iexact=code)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"Kode {code} sudah dipakai indikator lain sasaran ini.")
        return code


class ActionPlanForm(forms.Form):
    """The four quarters of an indicator's Rencana Aksi: target, actions, realisation."""

    def __init__(self, *args, quarters=None, with_realization=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.with_realization = with_realization
        stored = {q.quarter: q for q in (quarters or [])}
        for n in QUARTERS:
            row = stored.get(n)
            self.fields[f"q{n}_target"] = IndonesianDecimalField(
                label=f"Target TW {n}", required=False, max_digits=18, decimal_places=4
            )
            self.fields[f"q{n}_actions"] = forms.CharField(
                label=f"Rencana aksi TW {n}", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
            )
            if with_realization:
                self.fields[f"q{n}_realization"] = IndonesianDecimalField(
                    label=f"Realisasi TW {n}", required=False, max_digits=18, decimal_places=4
                )
            if row is not None:
                self.initial.update({f"q{n}_target": row.target, f"q{n}_actions": row.actions})
                if with_realization:
                    self.initial[f"q{n}_realization"] = row.realization

    def quarter_values(self, n: int) -> dict:
        values = {"target": self.cleaned_data[f"q{n}_target"], "actions": self.cleaned_data[f"q{n}_actions"].strip()}
        if self.with_realization:
            values["realization"] = self.cleaned_data[f"q{n}_realization"]
        return values

    def rows(self):
        parts = ("target", "actions", "realization") if self.with_realization else ("target", "actions")
        return [[self[f"q{n}_{part}"] for part in parts] for n in QUARTERS]


class AgreementForm(forms.ModelForm):
    """A PK's parties, place and date, and the target it promises for each indicator."""

    class Meta:
        model = Agreement
        fields = [
            "official_name",
            "official_title",
            "official_rank",
            "official_nip",
            "superior_name",
            "superior_title",
            "superior_rank",
            "superior_nip",
            "place",
            "signed_on",
            "reason",
        ]
        widgets = {
            "signed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "reason": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.revision:
            del self.fields["reason"]
        promised = {t.indicator_id: t.target for t in self.instance.targets.all()} if self.instance.pk else {}
        self.indicators = list(indicators)
        for indicator in self.indicators:
            name = f"target_{indicator.pk}"
            self.fields[name] = IndonesianDecimalField(
                label=f"Target {indicator.code}", required=False, max_digits=18, decimal_places=4
            )
            self.initial[name] = promised.get(indicator.pk, indicator.target)

    def target_fields(self):
        return [(indicator, self[f"target_{indicator.pk}"]) for indicator in self.indicators]

    def promised_targets(self) -> dict[int, object]:
        return {indicator.pk: self.cleaned_data[f"target_{indicator.pk}"] for indicator in self.indicators}


class GoalSupportForm(forms.Form):
    region_goal = forms.ModelChoiceField(
        label="Sasaran RPJMD yang didukung",
        queryset=RegionGoal.objects.none(),
        required=False,
        empty_label="(belum ditentukan)",
    )

    def __init__(self, *args, region_goals=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region_goal"].queryset = region_goals if region_goals is not None else RegionGoal.objects.none()
