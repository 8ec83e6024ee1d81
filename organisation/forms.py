from django import forms
from django.forms import BaseModelFormSet, modelformset_factory

from core.forms import IndonesianCountField
from core.nip import normalised_nip

from .models import Asset, Duty, OrgUnit, StaffCount


class DutyForm(forms.ModelForm):
    class Meta:
        model = Duty
        fields = ["legal_basis", "duty", "functions"]
        widgets = {
            "legal_basis": forms.Textarea(attrs={"rows": 2}),
            "duty": forms.Textarea(attrs={"rows": 3}),
            "functions": forms.Textarea(attrs={"rows": 8}),
        }


class OrgUnitForm(forms.ModelForm):
    class Meta:
        model = OrgUnit
        fields = ["code", "parent", "name", "level", "head_name", "head_rank", "head_nip"]

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = units if units is not None else OrgUnit.objects.none()
        self.fields["parent"].empty_label = "(pucuk pimpinan)"
        self.fields["level"].choices = [("", "(tidak dicatat)"), *OrgUnit.Level.choices]

    def clean_head_nip(self):
        return normalised_nip(self.cleaned_data["head_nip"])


class BaseOrgUnitFormSet(BaseModelFormSet):
    """The rows together must still form a tree: unique codes, no unit under itself
    (directly or further down), no unit deleted while a kept unit sits under it."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [f for f in self.forms if f.has_changed() or f.instance.pk]
        deleted = {f.instance.pk for f in kept if f.instance.pk and self._should_delete_form(f)}
        kept = [f for f in kept if not self._should_delete_form(f) and f.cleaned_data.get("code")]
        codes: dict[str, forms.Form] = {}
        parents: dict[int, int | None] = {}
        for form in kept:
            code = form.cleaned_data["code"].strip()
            if code.casefold() in codes:
                form.add_error("code", f"Kode {code} dipakai dua kali.")
            codes[code.casefold()] = form
            parent = form.cleaned_data.get("parent")
            if parent is not None and parent.pk in deleted:
                form.add_error("parent", f"Unit atasan {parent.name} ikut dihapus; pilih unit atasan lain.")
            if form.instance.pk:
                parents[form.instance.pk] = parent.pk if parent else None
        for form in kept:
            if form.instance.pk and _climbs_to_itself(form.instance.pk, parents):
                form.add_error("parent", "Unit tidak boleh berada di bawah dirinya sendiri atau bawahannya.")


def _climbs_to_itself(start: int, parents: dict[int, int | None]) -> bool:
    seen, current = set(), parents.get(start)
    while current is not None and current not in seen:
        if current == start:
            return True
        seen.add(current)
        current = parents.get(current)
    return False


OrgUnitFormSet = modelformset_factory(OrgUnit, form=OrgUnitForm, formset=BaseOrgUnitFormSet, extra=3, can_delete=True)


class StaffCountForm(forms.ModelForm):
    count = IndonesianCountField(label="Jumlah pegawai")

    class Meta:
        model = StaffCount
        fields = ["category", "label", "count", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "(pilih rincian)"), *StaffCount.Category.choices]


class BaseUniqueRowsFormSet(BaseModelFormSet):
    """Refuses two kept rows with the same key (as the database's unique constraint
    would, but next to the row, before saving). Subclasses name the key's fields and
    the field that carries the error (a row with it empty is a blank extra row)."""

    key_fields: tuple[str, ...] = ()
    error_field = ""
    duplicate_message = ""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            if self._should_delete_form(form) or not form.cleaned_data.get(self.error_field):
                continue
            key = tuple((form.cleaned_data.get(name) or "").strip().casefold() for name in self.key_fields)
            if key in seen:
                form.add_error(self.error_field, self.duplicate_message)
            seen.add(key)


class BaseStaffCountFormSet(BaseUniqueRowsFormSet):
    key_fields = ("category", "label")
    error_field = "label"
    duplicate_message = "Kelompok ini sudah ada pada rincian yang sama."


StaffCountFormSet = modelformset_factory(
    StaffCount, form=StaffCountForm, formset=BaseStaffCountFormSet, extra=4, can_delete=True
)


class PrintedTotalsForm(forms.Form):
    """The totals the agency printed under its own staff tables, to be checked against the rows."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for category, label in StaffCount.Category.choices:
            self.fields[category] = IndonesianCountField(
                label=f"Jumlah tercetak: {label}", required=False, help_text="Kosongkan bila tidak ada."
            )


class AssetForm(forms.ModelForm):
    count = IndonesianCountField(label="Jumlah")

    class Meta:
        model = Asset
        fields = ["name", "count", "condition", "note", "order"]


class BaseAssetFormSet(BaseUniqueRowsFormSet):
    key_fields = ("name", "condition")
    error_field = "name"
    duplicate_message = "Barang dengan kondisi yang sama sudah ada; jumlahkan dalam satu baris."


AssetFormSet = modelformset_factory(Asset, form=AssetForm, formset=BaseAssetFormSet, extra=3, can_delete=True)
