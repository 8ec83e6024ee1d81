from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory

from indicators.models import Goal, RenstraPeriod

from .models import BudgetAllocation, BudgetItem, set_supported_goals, spending_split_for

PARENT_LEVEL = {
    BudgetItem.Level.PROGRAM: None,
    BudgetItem.Level.KEGIATAN: BudgetItem.Level.PROGRAM,
    BudgetItem.Level.SUB_KEGIATAN: BudgetItem.Level.KEGIATAN,
    BudgetItem.Level.UNITEMIZED: None,
}


class BudgetItemForm(forms.ModelForm):
    # Not the model's M2M field: the form must write the links row by row (set_supported_goals).
    supported_goals = forms.ModelMultipleChoiceField(
        Goal.objects.none(),
        required=False,
        label="Sasaran yang didukung",
        widget=forms.CheckboxSelectMultiple,
        help_text="Sebuah program boleh mendukung lebih dari satu sasaran.",
    )

    class Meta:
        model = BudgetItem
        fields = [
            "level",
            "code",
            "parent",
            "name",
            "spending_type",
            "indicator_name",
            "indicator_unit",
            "indicator_target",
            "indicator_realization",
            "order",
        ]
        widgets = {"name": forms.Textarea(attrs={"rows": 2}), "indicator_name": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, agency, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agency, self.instance.year = agency, year
        if not spending_split_for(agency.pk, year):  # Permendagri 90/2019: no BL/BTL to choose
            del self.fields["spending_type"]
        parents = BudgetItem.objects.filter(agency=agency, year=year).exclude(
            level__in=[BudgetItem.Level.SUB_KEGIATAN, BudgetItem.Level.UNITEMIZED]
        )
        if self.instance.pk:
            parents = parents.exclude(pk__in=[self.instance.pk, *self.descendants()])
        self.fields["parent"].queryset = parents
        periods = RenstraPeriod.objects.filter(agency=agency).covering(year)
        self.fields["supported_goals"].queryset = Goal.objects.filter(period__in=periods).order_by("order", "code")
        if self.instance.pk:
            self.initial.setdefault("supported_goals", list(self.instance.goals.all()))
        self.fields["indicator_target"].min_value = 0

    def save(self, commit=True):
        item = super().save(commit=commit)
        if commit:
            set_supported_goals(item, self.cleaned_data["supported_goals"])
        return item

    def descendants(self) -> list[int]:
        found, frontier = [], [self.instance.pk]
        while frontier:
            frontier = list(BudgetItem.objects.filter(parent__in=frontier).values_list("pk", flat=True))
            found.extend(frontier)
        return found

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        others = BudgetItem.objects.filter(agency=self.instance.agency, year=self.instance.year, code__iexact=code)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(f"Kode {code} sudah dipakai pada anggaran tahun ini.")
        return code

    def clean(self):
        cleaned = super().clean()
        level, parent = cleaned.get("level"), cleaned.get("parent")
        if level:
            expected = PARENT_LEVEL[level]
            if expected is None and parent is not None:
                self.add_error("parent", f"{BudgetItem.Level(level).label} tidak mempunyai induk.")
            elif expected is not None and (parent is None or parent.level != expected):
                label = BudgetItem.Level(expected).label
                self.add_error("parent", f"{BudgetItem.Level(level).label} harus berada di bawah sebuah {label}.")
        if level == BudgetItem.Level.UNITEMIZED:
            if cleaned.get("supported_goals"):
                self.add_error("supported_goals", "Belanja tidak dirinci tidak mendukung sasaran tertentu.")
            if cleaned.get("indicator_name"):
                self.add_error("indicator_name", "Belanja tidak dirinci tidak mempunyai indikator.")
            if self.instance.pk and self.instance.children.exists():
                self.add_error("level", "Baris ini mempunyai rincian; hapus rinciannya dulu.")
        return cleaned


class BaseAllocationFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        sources = [
            f.cleaned_data.get("source") for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        duplicates = {s for s in sources if s is not None and sources.count(s) > 1}
        if duplicates:
            names = ", ".join(str(s) for s in duplicates)
            raise forms.ValidationError(f"Sumber dana {names} tercantum lebih dari sekali; satukan barisnya.")


AllocationFormSet = inlineformset_factory(
    BudgetItem,
    BudgetAllocation,
    formset=BaseAllocationFormSet,
    fields=["source", "pagu", "realisasi", "realisasi_tw1", "realisasi_tw2", "realisasi_tw3", "realisasi_tw4"],
    extra=1,
    can_delete=True,
)


def money_fields_not_negative(formset) -> None:
    for form in formset.forms:
        for name in ("pagu", "realisasi", "realisasi_tw1", "realisasi_tw2", "realisasi_tw3", "realisasi_tw4"):
            form.fields[name].min_value = 0
            form.fields[name].validators.append(non_negative)


def non_negative(value):
    if value is not None and value < 0:
        raise forms.ValidationError("Nilai uang tidak boleh negatif.")
