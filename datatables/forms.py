from django import forms

from indicators.models import Goal

from . import content
from .models import DataTable
from .sections import SectionKey


class DataTableForm(forms.ModelForm):
    """A data table as the operator edits it: its place, its labels, and its cells as
    text (the first line the column headings; rows pasted from Excel or typed with |)."""

    body = forms.CharField(
        label="Isi tabel",
        # No wrapping: one line is one row, as pasted.
        widget=forms.Textarea(attrs={"rows": 12, "class": "font-monospace", "spellcheck": "false", "wrap": "off"}),
        help_text=f"Baris pertama: judul kolom. Setiap baris berikutnya: satu baris data. Salin sel dari Excel lalu "
        f"tempel di sini, atau pisahkan sel dengan tanda | (mis. 'Tahun | Jumlah'). Paling banyak "
        f"{content.MAX_COLUMNS} kolom dan {content.MAX_ROWS} baris. Angka dicetak rata kanan, apa adanya.",
    )

    class Meta:
        model = DataTable
        fields = ["section", "goal", "title", "unit", "source", "code", "order"]

    def __init__(self, *args, goals=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals if goals is not None else Goal.objects.none()
        self.fields["goal"].empty_label = "(bukan analisis per sasaran)"
        if self.instance.pk:
            self.initial["body"] = content.as_text(self.instance.columns, self.instance.rows)

    def clean_body(self):
        try:
            return content.parse(self.cleaned_data["body"])
        except content.TableRefused as refused:
            raise forms.ValidationError(str(refused)) from None

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        taken = DataTable.objects.filter(agency=self.instance.agency, year=self.instance.year, code__iexact=code)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"Kode {code} sudah dipakai tabel lain tahun ini.")
        return code

    def clean(self):
        cleaned = super().clean()
        section, goal = cleaned.get("section"), cleaned.get("goal")
        if section == SectionKey.ANALISIS_SASARAN and goal is None:
            self.add_error("goal", "Pilih sasaran yang dianalisis tabel ini.")
        elif section and section != SectionKey.ANALISIS_SASARAN and goal is not None:
            self.add_error("goal", "Sasaran hanya dipilih untuk bagian Analisis per Sasaran; kosongkan.")
        return cleaned

    def save(self, commit=True):
        self.instance.columns, self.instance.rows = self.cleaned_data["body"]
        return super().save(commit)
